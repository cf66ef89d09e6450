package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** IAM: account aliases, password policy, account summary, credential report, authorization details. */
public final class AccountOperations
{
    private final IamContext context;

    public AccountOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
    }
}
