package dev.lanyard.policy.document;

import static java.util.Objects.requireNonNull;

public record PrincipalValue(PrincipalType type, String value)
{
    public PrincipalValue
    {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
    }
}
