package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** IAM: signing certificates, SSH public keys, server certificates, service-specific credentials. */
public final class CredentialOperations
{
    private final IamContext context;

    public CredentialOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
    }
}
