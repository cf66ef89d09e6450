package dev.lanyard.store;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An AWS account: a twelve-digit id. Exactly one account is the default, created on first start. */
public record Account(String accountId, Instant createdAt, boolean isDefault)
{
    public Account
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
