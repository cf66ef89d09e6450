package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** IAM: users, groups, membership, login profiles. */
public final class UserOperations
{
    private final IamContext context;

    public UserOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
    }
}
