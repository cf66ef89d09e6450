package dev.lanyard.policy.document;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The values of Action/NotAction or Resource/NotResource, as written.
 *
 * @param negated true for the Not form: the statement applies to everything except the values
 */
public record ElementValues(List<String> values, boolean negated)
{
    public ElementValues
    {
        values = List.copyOf(requireNonNull(values, "values is null"));
    }
}
