package dev.lanyard.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static java.util.Objects.requireNonNull;

/** A UTC clock that stands still until the test moves it, for expiry, rotation and one-time-code windows. */
public final class TestingClock
        extends Clock
{
    // Volatile: code under test may read the clock on another thread than the test that moves it.
    private volatile Instant now;

    public TestingClock(Instant now)
    {
        this.now = requireNonNull(now, "now is null");
    }

    public void advance(Duration duration)
    {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        return this;
    }

    @Override
    public Instant instant()
    {
        return now;
    }
}
