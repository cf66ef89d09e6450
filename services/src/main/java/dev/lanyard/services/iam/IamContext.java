package dev.lanyard.services.iam;

import dev.lanyard.store.Store;

import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** What every IAM operation family is built with. */
public record IamContext(Store store, Clock clock)
{
    public IamContext
    {
        requireNonNull(store, "store is null");
        // IAM reports its dates to the second (CreateDate "2026-11-23T14:43:06Z"); a ticking clock makes every family do so.
        clock = Clock.tick(requireNonNull(clock, "clock is null"), Duration.ofSeconds(1));
    }
}
