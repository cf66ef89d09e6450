package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.document.Effect;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A statement that applied to a request.
 *
 * @param policyId the id the caller gave the policy when compiling (a managed policy ARN, "user/bob/inline-name", ...)
 * @param statementIndex position in the policy's Statement list, from 0
 */
public record MatchedStatement(String policyId, PolicyLayer layer, int statementIndex, Optional<String> sid, Effect effect)
{
    public MatchedStatement
    {
        requireNonNull(policyId, "policyId is null");
        requireNonNull(layer, "layer is null");
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
    }
}
