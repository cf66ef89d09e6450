package dev.lanyard.services.ec2;

import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.store.Store;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** What the EC2 operations share: the store, the clock, and the policy decision for iam:PassRole. */
public record Ec2Context(Store store, Clock clock, AccessControl accessControl)
{
    public Ec2Context
    {
        requireNonNull(store, "store is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(accessControl, "accessControl is null");
    }
}
