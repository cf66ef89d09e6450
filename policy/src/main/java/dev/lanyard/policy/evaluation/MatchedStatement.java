package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.document.Effect;
import dev.lanyard.policy.document.Statement;
import dev.lanyard.policy.json.TextPosition;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A statement that applied to a request.
 *
 * @param policyId the id the caller gave the policy when compiling (a managed policy ARN, "user/bob/inline-name", ...)
 * @param statementIndex position in the policy's Statement list, from 0
 * @param start where the statement starts in the policy text (the simulator's StartPosition)
 * @param end just after the statement (EndPosition)
 */
public record MatchedStatement(String policyId, PolicyLayer layer, int statementIndex, Optional<String> sid, Effect effect, TextPosition start, TextPosition end)
{
    public MatchedStatement
    {
        requireNonNull(policyId, "policyId is null");
        requireNonNull(layer, "layer is null");
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }

    public static MatchedStatement of(String policyId, PolicyLayer layer, Statement statement)
    {
        return new MatchedStatement(policyId, layer, statement.index(), statement.sid(), statement.effect(), statement.start(), statement.end());
    }
}
