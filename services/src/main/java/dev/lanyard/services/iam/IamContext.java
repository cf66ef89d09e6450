package dev.lanyard.services.iam;

import dev.lanyard.store.Store;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** What every IAM operation family is built with. */
public record IamContext(Store store, Clock clock)
{
    public IamContext
    {
        requireNonNull(store, "store is null");
        requireNonNull(clock, "clock is null");
    }
}
