package dev.lanyard.services.emr;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** The implemented EMR operations: clusters of instance groups launched through EC2 with their roles checked and passed. */
public final class EmrOperations
{
    private final EmrContext context;

    public EmrOperations(EmrContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        new RunJobFlowOperation(context).register(registry);
        new ClusterOperations(context).register(registry);
    }
}
