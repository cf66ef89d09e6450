package dev.lanyard.protocol.model;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsProtocol;
import dev.lanyard.protocol.AwsService;
import software.amazon.awssdk.core.SdkPojo;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Checks a typed SDK request against the constraints of the service model (required, length, pattern, enum,
 * range, list size), nested structures, lists and maps included, and refuses it the way the service does:
 * <ul>
 * <li>Query services (IAM, STS, Auto Scaling): {@code ValidationError}, 400, all violations in one message,
 * "2 validation errors detected: Value 'a b' at 'roleName' failed to satisfy constraint: ...; Value ...";</li>
 * <li>JSON (EMR): {@code ValidationException} with the same message;</li>
 * <li>EC2: the first missing parameter as {@code MissingParameter}, else the first bad value as
 * {@code InvalidParameterValue}, named as the wire spells it.</li>
 * </ul>
 * The checks of an operation are compiled once, on its first request; thread-safe. Values are read with
 * {@code SdkField.getValueOrDefault}, so an idempotency token (EC2's ClientToken) the SDK generates is never missing.
 */
public final class RequestValidator
{
    private final ModelTables tables;
    private final Map<AwsService, Map<String, OperationPlan>> plans = new EnumMap<>(AwsService.class);

    public RequestValidator(ModelTables tables)
    {
        this.tables = requireNonNull(tables, "tables is null");
        for (AwsService service : AwsService.values()) {
            plans.put(service, new ConcurrentHashMap<>());
        }
    }

    /**
     * @throws AwsErrorException the service's validation error when the request breaks a constraint
     * @throws IllegalArgumentException when the operation is not modelled, or the request is not of its class
     */
    public void validate(AwsService service, String operationName, SdkPojo request)
    {
        requireNonNull(request, "request is null");
        OperationPlan plan = plan(service, operationName, request);
        if (plan.requestClass() != request.getClass()) {
            throw new IllegalArgumentException("%s is not the request of %s %s (%s)".formatted(request.getClass().getName(), service.signingName(), operationName, plan.requestClass().getName()));
        }
        Violations violations = new Violations();
        plan.check().check(request, null, violations);
        if (!violations.isEmpty()) {
            throw error(service.protocol(), violations.list());
        }
    }

    private OperationPlan plan(AwsService service, String operationName, SdkPojo request)
    {
        Map<String, OperationPlan> servicePlans = plans.get(service);
        OperationPlan plan = servicePlans.get(requireNonNull(operationName, "operationName is null"));
        if (plan != null) {
            return plan;
        }
        return servicePlans.computeIfAbsent(operationName, name -> compile(service, name, request));
    }

    private OperationPlan compile(AwsService service, String operationName, SdkPojo request)
    {
        ServiceTable table = tables.table(service);
        OperationShape operation = table.operation(operationName)
                .orElseThrow(() -> new IllegalArgumentException("Operation %s is not modelled for %s".formatted(operationName, service.signingName())));
        PathStyle style = pathStyle(service.protocol());
        StructureCheck check = new ValidationPlanner(table, style).structure(operation.inputShape(), request.sdkFields());
        return new OperationPlan(request.getClass(), check);
    }

    private static PathStyle pathStyle(AwsProtocol protocol)
    {
        return switch (protocol) {
            case QUERY, JSON_1_1 -> PathStyle.MEMBER_NAMES;
            case EC2 -> PathStyle.WIRE_NAMES;
        };
    }

    static AwsErrorException error(AwsProtocol protocol, List<Violation> violations)
    {
        return switch (protocol) {
            case QUERY -> new AwsErrorException("ValidationError", validationMessage(violations), 400);
            case JSON_1_1 -> new AwsErrorException("ValidationException", validationMessage(violations), 400);
            case EC2 -> ec2Error(violations);
        };
    }

    private static String validationMessage(List<Violation> violations)
    {
        StringBuilder message = new StringBuilder()
                .append(violations.size())
                .append(violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
        for (int index = 0; index < violations.size(); index++) {
            Violation violation = violations.get(index);
            if (index > 0) {
                message.append("; ");
            }
            message.append("Value ");
            if (violation.value() == null) {
                message.append("null");
            }
            else {
                message.append('\'').append(violation.value()).append('\'');
            }
            message.append(" at '").append(violation.path().render(PathStyle.MEMBER_NAMES))
                    .append("' failed to satisfy constraint: ").append(violation.constraint());
        }
        return message.toString();
    }

    // EC2 is not a Coral service: it reports one problem, a missing parameter before a bad value
    private static AwsErrorException ec2Error(List<Violation> violations)
    {
        for (Violation violation : violations) {
            if (violation.kind() == Violation.Kind.MISSING) {
                return new AwsErrorException("MissingParameter", "The request must contain the parameter " + violation.path().render(PathStyle.WIRE_NAMES), 400);
            }
        }
        Violation first = violations.getFirst();
        String message = "Value (%s) for parameter %s is invalid.".formatted(first.value(), first.path().render(PathStyle.WIRE_NAMES));
        // EC2 enums run to hundreds of values (instance types): name the parameter, do not list the set
        if (first.kind() != Violation.Kind.ENUM) {
            message += " " + first.constraint();
        }
        return new AwsErrorException("InvalidParameterValue", message, 400);
    }

    private record OperationPlan(Class<?> requestClass, StructureCheck check)
    {
        OperationPlan
        {
            requireNonNull(requestClass, "requestClass is null");
            requireNonNull(check, "check is null");
        }
    }
}
