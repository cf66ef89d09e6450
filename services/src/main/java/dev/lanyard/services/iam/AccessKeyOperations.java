package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** IAM: access keys of IAM users. */
public final class AccessKeyOperations
{
    private final IamContext context;

    public AccessKeyOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
    }
}
