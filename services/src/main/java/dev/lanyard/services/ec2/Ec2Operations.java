package dev.lanyard.services.ec2;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** The implemented EC2 operations: instances and their IAM instance profiles. */
public final class Ec2Operations
{
    private final Ec2Context context;

    public Ec2Operations(Ec2Context context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        new InstanceOperations(context).register(registry);
        new IamInstanceProfileAssociationOperations(context).register(registry);
    }
}
