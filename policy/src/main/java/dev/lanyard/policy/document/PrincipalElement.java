package dev.lanyard.policy.document;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Principal or NotPrincipal. */
public record PrincipalElement(List<PrincipalValue> principals, boolean negated)
{
    public PrincipalElement
    {
        principals = List.copyOf(requireNonNull(principals, "principals is null"));
    }
}
