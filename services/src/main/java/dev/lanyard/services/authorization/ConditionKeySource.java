package dev.lanyard.services.authorization;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A condition key an operation supplies to the policy engine and where its value comes from: a request member
 * ({@code member}, a dotted path for nested members), the stored resource, the request context (caller, time,
 * a fixed {@code value}), or the claims of a token the request carries (SAML assertion, web identity token).
 */
public record ConditionKeySource(String key, Source from, Optional<String> member, Optional<String> value)
{
    public enum Source
    {
        REQUEST,
        RESOURCE,
        CONTEXT,
        TOKEN,
    }

    public ConditionKeySource
    {
        requireNonNull(key, "key is null");
        requireNonNull(from, "from is null");
        requireNonNull(member, "member is null");
        requireNonNull(value, "value is null");
        if (from == Source.REQUEST && member.isEmpty()) {
            throw new IllegalArgumentException("condition key " + key + " comes from the request but names no member");
        }
    }
}
