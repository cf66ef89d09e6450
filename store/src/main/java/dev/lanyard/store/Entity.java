package dev.lanyard.store;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One IAM object of any kind (role, user, group, policy, instance profile, MFA device, ...). The storage layer
 * indexes only what every kind shares (id, name, path); the kind-specific rest is the JSON {@code body} that the
 * service layer owns, so a new kind needs no schema migration.
 *
 * <p>{@code name} is unique per (account, kind) ignoring ASCII case, as IAM names are; listings are ordered by
 * name ignoring ASCII case (IAM names are ASCII). {@code id} is the AWS unique id (AROA..., AIDA...), unique per
 * (account, kind). {@code version} counts updates for optimistic concurrency: a new entity has
 * {@link #INITIAL_VERSION}, and each {@link WriteTransaction#updateEntity} adds one.
 */
public record Entity(String accountId, String kind, String id, String name, String path, String body, Instant createdAt, long version)
{
    public static final long INITIAL_VERSION = 1;

    public Entity
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(body, "body is null");
        requireNonNull(createdAt, "createdAt is null");
        if (version < INITIAL_VERSION) {
            throw new IllegalArgumentException("version must be at least " + INITIAL_VERSION + ": " + version);
        }
    }

    /** A new entity, ready for {@link WriteTransaction#insertEntity}. */
    public static Entity create(String accountId, String kind, String id, String name, String path, String body, Instant createdAt)
    {
        return new Entity(accountId, kind, id, name, path, body, createdAt, INITIAL_VERSION);
    }

    public Entity withName(String name)
    {
        return new Entity(accountId, kind, id, name, path, body, createdAt, version);
    }

    public Entity withPath(String path)
    {
        return new Entity(accountId, kind, id, name, path, body, createdAt, version);
    }

    public Entity withBody(String body)
    {
        return new Entity(accountId, kind, id, name, path, body, createdAt, version);
    }

    public Entity withVersion(long version)
    {
        return new Entity(accountId, kind, id, name, path, body, createdAt, version);
    }
}
