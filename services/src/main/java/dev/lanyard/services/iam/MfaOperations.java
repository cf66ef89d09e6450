package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** IAM: virtual MFA devices. */
public final class MfaOperations
{
    private final IamContext context;

    public MfaOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
    }
}
