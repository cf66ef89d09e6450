package dev.lanyard.services.authorization;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What authorizing one operation takes: its action, the resources it acts on, further actions, condition keys. */
public record OperationAuthorization(
        String operation,
        String action,
        List<ResourceTemplate> resources,
        List<AdditionalAction> additionalActions,
        List<ConditionKeySource> conditionKeys)
{
    public OperationAuthorization
    {
        requireNonNull(operation, "operation is null");
        requireNonNull(action, "action is null");
        resources = List.copyOf(requireNonNull(resources, "resources is null"));
        additionalActions = List.copyOf(requireNonNull(additionalActions, "additionalActions is null"));
        conditionKeys = List.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
        if (resources.isEmpty()) {
            throw new IllegalArgumentException(operation + " has no resource (use \"*\")");
        }
    }
}
