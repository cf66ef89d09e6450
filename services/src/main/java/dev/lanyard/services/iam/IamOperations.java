package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** Every IAM operation family, registered together. */
public final class IamOperations
{
    private final IamContext context;

    public IamOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        new RoleOperations(context).register(registry);
        new InstanceProfileOperations(context).register(registry);
        new ManagedPolicyOperations(context).register(registry);
        new InlinePolicyOperations(context).register(registry);
        new UserOperations(context).register(registry);
        new AccessKeyOperations(context).register(registry);
        new CredentialOperations(context).register(registry);
        new AccountOperations(context).register(registry);
        new MfaOperations(context).register(registry);
        new FederationOperations(context).register(registry);
        new IamMiscOperations(context).register(registry);
        new IamSimulatorOperations(context).register(registry);
    }
}
