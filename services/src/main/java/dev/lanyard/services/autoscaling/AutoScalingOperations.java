package dev.lanyard.services.autoscaling;

import dev.lanyard.services.OperationRegistry;

import static java.util.Objects.requireNonNull;

/** The implemented Auto Scaling operations: launch configurations, groups launched through EC2, and their instances. */
public final class AutoScalingOperations
{
    private final AutoScalingContext context;

    public AutoScalingOperations(AutoScalingContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        new LaunchConfigurationOperations(context).register(registry);
        new AutoScalingGroupOperations(context).register(registry);
        new AutoScalingInstanceOperations(context).register(registry);
    }
}
