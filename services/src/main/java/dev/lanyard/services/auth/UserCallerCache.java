package dev.lanyard.services.auth;

import dev.lanyard.services.Caller;
import dev.lanyard.services.RevisionCache;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamArns;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Store;

import java.util.Optional;

/**
 * The IAM user behind an access key, as a {@link Caller}, without a database read while the store's revision is
 * unchanged. A key names its user by unique id, so a rename or move shows in the ARN as soon as it is committed, and a
 * deleted-and-recreated namesake never inherits the old user's keys.
 */
final class UserCallerCache
{
    private static final int MAXIMUM_ENTRIES = 100_000;

    private final RevisionCache<String, Caller> callers;

    UserCallerCache(Store store)
    {
        this.callers = new RevisionCache<>(store, MAXIMUM_ENTRIES);
    }

    /** Empty when the key's user no longer exists (a key cannot outlive its user, but be safe). */
    Optional<Caller> find(AccessKey key)
    {
        return callers.get(key.accessKeyId(), transaction -> transaction.entityById(key.accountId(), EntityKinds.USER, key.principalName())
                .map(user -> new Caller(user.accountId(), IamArns.user(user.accountId(), user.path(), user.name()), user.id(), Caller.PrincipalType.USER, key.accessKeyId())));
    }
}
