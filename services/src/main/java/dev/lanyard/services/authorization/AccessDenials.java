package dev.lanyard.services.authorization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.DenialMessage;
import dev.lanyard.policy.evaluation.EvaluationResult;
import dev.lanyard.policy.evaluation.MatchedStatement;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.sts.AuthorizationMessageSealer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A denied decision as each service says it: IAM, STS and Auto Scaling {@code AccessDenied} (403) with AWS's sentence; EMR
 * {@code AccessDeniedException} (400); EC2 {@code UnauthorizedOperation} (403) with the details sealed into an encoded
 * message that only sts:DecodeAuthorizationMessage opens, in the JSON shape AWS's decoded messages have.
 */
public final class AccessDenials
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AuthorizationMessageSealer sealer;

    public AccessDenials(AuthorizationMessageSealer sealer)
    {
        this.sealer = requireNonNull(sealer, "sealer is null");
    }

    public AwsErrorException denied(CallContext context, Decision decision, RequestContext request)
    {
        String message = DenialMessage.of(decision, context.caller().arn(), request.action(), request.resource());
        return switch (context.service()) {
            case IAM, STS, AUTOSCALING -> new AwsErrorException("AccessDenied", message, 403);
            case EMR -> new AwsErrorException("AccessDeniedException", message, 400);
            case EC2 -> new AwsErrorException("UnauthorizedOperation",
                    "You are not authorized to perform this operation. Encoded authorization failure message: " + sealer.seal(decodedMessage(context.caller(), decision, request)), 403);
        };
    }

    /** What DecodeAuthorizationMessage answers for a denial: AWS's fields, Lanyard's values. */
    static String decodedMessage(Caller caller, Decision decision, RequestContext request)
    {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("allowed", decision.allowed());
        root.put("explicitDeny", decision.result() == EvaluationResult.EXPLICIT_DENY);
        ArrayNode statements = root.putObject("matchedStatements").putArray("items");
        for (MatchedStatement statement : decision.matchedStatements()) {
            ObjectNode item = statements.addObject();
            item.put("statementId", statement.sid().orElse(""));
            item.put("effect", statement.effect() == dev.lanyard.policy.document.Effect.DENY ? "Deny" : "Allow");
            item.put("sourcePolicyId", statement.policyId());
            item.put("sourcePolicyType", statement.layer().name());
            item.put("statementIndex", statement.statementIndex());
        }
        root.putObject("failures").putArray("items");
        ObjectNode context = root.putObject("context");
        ObjectNode principal = context.putObject("principal");
        principal.put("id", caller.userId());
        principal.put("name", caller.arn().substring(caller.arn().lastIndexOf('/') + 1));
        principal.put("arn", caller.arn());
        context.put("action", request.action());
        context.put("resource", request.resource());
        ArrayNode conditions = context.putObject("conditions").putArray("items");
        Map<String, List<ContextValue>> sorted = new TreeMap<>(request.allValues());
        sorted.forEach((key, values) -> {
            ObjectNode condition = conditions.addObject();
            condition.put("key", key);
            ArrayNode valueItems = condition.putObject("values").putArray("items");
            values.forEach(value -> valueItems.addObject().put("value", value.text()));
        });
        try {
            return MAPPER.writeValueAsString(root);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
