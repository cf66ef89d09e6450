package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** IAM: managed policies, versions, attachments and the AWS managed policy catalog. */
public final class ManagedPolicyOperations
{
    private final IamContext context;

    public ManagedPolicyOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
    }
}
