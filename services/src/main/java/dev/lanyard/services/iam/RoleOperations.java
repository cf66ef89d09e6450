package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** IAM: roles, service-linked roles, trust policies, permissions boundaries, role tags. */
public final class RoleOperations
{
    private final IamContext context;

    public RoleOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
    }
}
