package dev.lanyard.services.authorization;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A further action an operation must be allowed, and when: iam:PassRole for RunInstances with an instance
 * profile, sts:TagSession for AssumeRole with Tags. {@code whenMember} is the request member whose presence
 * (non-empty) triggers it; empty when the trigger is not a plain member (a claim inside a SAML assertion, a role
 * inside a referenced launch template), {@code when} says it in words.
 */
public record AdditionalAction(
        String action,
        Optional<String> whenMember,
        String when,
        List<ResourceTemplate> resources,
        List<ConditionKeySource> conditionKeys)
{
    public AdditionalAction
    {
        requireNonNull(action, "action is null");
        requireNonNull(whenMember, "whenMember is null");
        requireNonNull(when, "when is null");
        resources = List.copyOf(requireNonNull(resources, "resources is null"));
        conditionKeys = List.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
    }
}
