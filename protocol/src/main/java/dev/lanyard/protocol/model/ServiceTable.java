package dev.lanyard.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The constraint/error table of one service, as derived by {@code derive-model-tables.py} from botocore's
 * service-2.json and read from the class path. Immutable once loaded, except for the memo of compiled patterns.
 */
public final class ServiceTable
{
    private final String signingName;
    private final String botocoreVersion;
    private final String modelVersion;
    private final ServiceMetadata metadata;
    private final Map<String, OperationShape> operations;
    private final Map<String, Shape> shapes;
    private final Map<String, ErrorShape> errors;
    private final Map<String, ErrorShape> errorsByCode;
    private final Map<String, ErrorShape> errorsBySdkExceptionName;
    private final Map<String, Pattern> compiledPatterns = new ConcurrentHashMap<>();

    private ServiceTable(
            String signingName,
            String botocoreVersion,
            String modelVersion,
            ServiceMetadata metadata,
            Map<String, OperationShape> operations,
            Map<String, Shape> shapes,
            Map<String, ErrorShape> errors)
    {
        this.signingName = requireNonNull(signingName, "signingName is null");
        this.botocoreVersion = requireNonNull(botocoreVersion, "botocoreVersion is null");
        this.modelVersion = requireNonNull(modelVersion, "modelVersion is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
        this.shapes = Map.copyOf(shapes);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        Map<String, ErrorShape> byCode = new HashMap<>();
        Map<String, ErrorShape> bySdkName = new HashMap<>();
        for (ErrorShape error : errors.values()) {
            byCode.putIfAbsent(error.code(), error);
            bySdkName.put(sdkExceptionName(error.name()).toLowerCase(Locale.ROOT), error);
        }
        this.errorsByCode = Map.copyOf(byCode);
        this.errorsBySdkExceptionName = Map.copyOf(bySdkName);
    }

    public String signingName()
    {
        return signingName;
    }

    /** The botocore release the table was derived from. */
    public String botocoreVersion()
    {
        return botocoreVersion;
    }

    /** The model folder botocore keeps the service under, e.g. "2010-05-08". */
    public String modelVersion()
    {
        return modelVersion;
    }

    public ServiceMetadata metadata()
    {
        return metadata;
    }

    /** Every modelled operation, in botocore spelling, sorted by name. */
    public Map<String, OperationShape> operations()
    {
        return operations;
    }

    public Optional<OperationShape> operation(String name)
    {
        return Optional.ofNullable(operations.get(name));
    }

    public Map<String, Shape> shapes()
    {
        return shapes;
    }

    public Optional<Shape> shape(String name)
    {
        return Optional.ofNullable(shapes.get(name));
    }

    public Shape requiredShape(String name)
    {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("Shape %s is missing from the %s table".formatted(name, signingName));
        }
        return shape;
    }

    /** Error shapes by shape name. */
    public Map<String, ErrorShape> errors()
    {
        return errors;
    }

    public Optional<ErrorShape> error(String shapeName)
    {
        return Optional.ofNullable(errors.get(shapeName));
    }

    public Optional<ErrorShape> errorForCode(String code)
    {
        return Optional.ofNullable(errorsByCode.get(code));
    }

    /**
     * The error shape of an SDK exception class, by its simple name. The SDK renames shapes: it appends "Exception"
     * (InvalidNextToken, IdempotentParameterMismatchError), replaces a "Fault" suffix (ResourceContentionFault
     * becomes ResourceContentionException) and rewrites acronyms (DuplicateSSHPublicKeyException becomes
     * DuplicateSshPublicKeyException), hence the case-insensitive comparison.
     */
    public Optional<ErrorShape> errorForSdkExceptionName(String simpleClassName)
    {
        return Optional.ofNullable(errorsBySdkExceptionName.get(simpleClassName.toLowerCase(Locale.ROOT)));
    }

    /** The compiled pattern of a string shape, compiled once. */
    public Pattern compiledPattern(Shape shape)
    {
        String pattern = shape.pattern().orElseThrow(() -> new IllegalArgumentException("Shape %s has no pattern".formatted(shape.name())));
        return compiledPatterns.computeIfAbsent(pattern, BotocorePatterns::compile);
    }

    static String sdkExceptionName(String shapeName)
    {
        if (shapeName.endsWith("Exception")) {
            return shapeName;
        }
        if (shapeName.endsWith("Fault")) {
            return shapeName.substring(0, shapeName.length() - "Fault".length()) + "Exception";
        }
        return shapeName + "Exception";
    }

    static ServiceTable load(String signingName, ObjectMapper mapper)
    {
        String resource = signingName + ".json";
        try (InputStream input = ServiceTable.class.getResourceAsStream(resource)) {
            if (input == null) {
                throw new IllegalStateException("Model table %s is missing from the class path".formatted(resource));
            }
            return parse(signingName, mapper.readTree(input));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read model table " + resource, e);
        }
    }

    private static ServiceTable parse(String signingName, JsonNode root)
    {
        JsonNode metadataNode = root.required("metadata");
        ServiceMetadata metadata = new ServiceMetadata(
                metadataNode.required("apiVersion").asText(),
                metadataNode.required("protocol").asText(),
                optionalText(metadataNode, "xmlNamespace"),
                optionalText(metadataNode, "targetPrefix"));

        Map<String, OperationShape> operations = new LinkedHashMap<>();
        root.required("operations").properties().forEach(entry -> {
            JsonNode node = entry.getValue();
            operations.put(entry.getKey(), new OperationShape(
                    entry.getKey(),
                    optionalText(node, "input"),
                    optionalText(node, "output"),
                    texts(node.path("errors"))));
        });

        Map<String, Shape> shapes = new HashMap<>();
        root.required("shapes").properties().forEach(entry -> shapes.put(entry.getKey(), parseShape(entry.getKey(), entry.getValue())));

        Map<String, ErrorShape> errors = new LinkedHashMap<>();
        root.required("errors").properties().forEach(entry -> {
            JsonNode node = entry.getValue();
            errors.put(entry.getKey(), new ErrorShape(
                    entry.getKey(),
                    node.required("code").asText(),
                    node.required("httpStatusCode").asInt(),
                    node.required("senderFault").asBoolean()));
        });

        return new ServiceTable(signingName, root.required("botocoreVersion").asText(), root.required("modelVersion").asText(), metadata, operations, shapes, errors);
    }

    private static Shape parseShape(String name, JsonNode node)
    {
        List<Member> members = new ArrayList<>();
        node.path("members").properties().forEach(entry -> members.add(new Member(
                entry.getKey(),
                entry.getValue().required("shape").asText(),
                optionalText(entry.getValue(), "wireName").orElse(entry.getKey()))));
        Set<String> required = new LinkedHashSet<>(texts(node.path("required")));
        return new Shape(
                name,
                ShapeType.fromBotocore(node.required("type").asText()),
                members,
                required,
                optionalDecimal(node, "min"),
                optionalDecimal(node, "max"),
                optionalText(node, "pattern"),
                texts(node.path("enum")),
                optionalText(node, "member"),
                optionalText(node, "key"),
                optionalText(node, "value"));
    }

    private static Optional<String> optionalText(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static Optional<BigDecimal> optionalDecimal(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.decimalValue());
    }

    private static List<String> texts(JsonNode array)
    {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }
}
