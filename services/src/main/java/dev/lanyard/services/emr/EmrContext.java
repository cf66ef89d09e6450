package dev.lanyard.services.emr;

import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.store.Store;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** What the EMR operations share: the store, the clock, and the policy decision for iam:PassRole. */
public record EmrContext(Store store, Clock clock, AccessControl accessControl)
{
    public EmrContext
    {
        requireNonNull(store, "store is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(accessControl, "accessControl is null");
    }
}
