package dev.lanyard.policy.document;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One key under one operator of a Condition block: true when the request matches any of the values.
 *
 * @param key the condition key as written (AWS compares key names case-insensitively)
 * @param values the policy values as text; JSON numbers and booleans as written
 */
public record ConditionClause(ConditionOperator operator, String key, List<String> values)
{
    public ConditionClause
    {
        requireNonNull(operator, "operator is null");
        requireNonNull(key, "key is null");
        values = List.copyOf(requireNonNull(values, "values is null"));
    }
}
