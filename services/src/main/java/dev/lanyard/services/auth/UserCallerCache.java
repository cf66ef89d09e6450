package dev.lanyard.services.auth;

import dev.lanyard.services.Caller;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamArns;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The IAM user behind an access key, as a {@link Caller}, without a database read while the store's revision is
 * unchanged. A key names its user by unique id, so a rename or move shows in the ARN as soon as it is committed, and a
 * deleted-and-recreated namesake never inherits the old user's keys.
 */
final class UserCallerCache
{
    private static final int MAXIMUM_ENTRIES = 100_000;

    private final Store store;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    UserCallerCache(Store store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    /** Empty when the key's user no longer exists (a key cannot outlive its user, but be safe). */
    Optional<Caller> find(AccessKey key)
    {
        long revision = store.revision();
        Entry entry = entries.get(key.accessKeyId());
        if (entry != null && entry.revision() == revision) {
            return Optional.of(entry.caller());
        }
        Optional<Entity> user = store.read(transaction -> transaction.entityById(key.accountId(), EntityKinds.USER, key.principalName()));
        if (user.isEmpty()) {
            entries.remove(key.accessKeyId());
            return Optional.empty();
        }
        Entity found = user.get();
        Caller caller = new Caller(found.accountId(), IamArns.user(found.accountId(), found.path(), found.name()), found.id(), Caller.PrincipalType.USER, key.accessKeyId());
        if (entries.size() >= MAXIMUM_ENTRIES) {
            entries.clear();
        }
        entries.put(key.accessKeyId(), new Entry(revision, caller));
        return Optional.of(caller);
    }

    private record Entry(long revision, Caller caller) {}
}
