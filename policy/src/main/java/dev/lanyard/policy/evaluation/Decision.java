package dev.lanyard.policy.evaluation;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one request.
 *
 * @param layer for a deny, the layer that denied (explicitly, or by having no allow); for an allow, the layer that
 *        granted: RESOURCE when a resource-based policy sufficed, IDENTITY when the identity path did, ACCOUNT_ROOT
 * @param matchedStatements for an explicit deny the Deny statements that matched; for an allow the Allow statements that
 *        matched in every layer; empty for an implicit deny
 */
public record Decision(EvaluationResult result, PolicyLayer layer, List<MatchedStatement> matchedStatements)
{
    public Decision
    {
        requireNonNull(result, "result is null");
        requireNonNull(layer, "layer is null");
        matchedStatements = List.copyOf(requireNonNull(matchedStatements, "matchedStatements is null"));
    }

    private static final Decision[][] WITHOUT_STATEMENTS = new Decision[EvaluationResult.values().length][PolicyLayer.values().length];

    static {
        for (EvaluationResult result : EvaluationResult.values()) {
            for (PolicyLayer layer : PolicyLayer.values()) {
                WITHOUT_STATEMENTS[result.ordinal()][layer.ordinal()] = new Decision(result, layer, List.of());
            }
        }
    }

    /** A shared decision without matched statements (the hot path allocates nothing). */
    public static Decision of(EvaluationResult result, PolicyLayer layer)
    {
        return WITHOUT_STATEMENTS[result.ordinal()][layer.ordinal()];
    }

    public boolean allowed()
    {
        return result == EvaluationResult.ALLOWED;
    }
}
