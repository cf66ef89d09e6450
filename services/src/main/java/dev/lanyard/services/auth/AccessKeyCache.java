package dev.lanyard.services.auth;

import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Keeps access keys in memory so that authenticating a request costs no database read. Entries carry the store revision
 * they were read at and are reread once the store has moved on, so a deactivated or deleted key stops working at once.
 */
final class AccessKeyCache
{
    // Bounded so that a flood of distinct (valid) key ids cannot grow the heap without limit; a full cache simply starts over.
    private static final int MAXIMUM_ENTRIES = 100_000;

    private final Store store;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    AccessKeyCache(Store store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    Optional<AccessKey> find(String accessKeyId)
    {
        long revision = store.revision();
        Entry entry = entries.get(accessKeyId);
        if (entry != null && entry.revision() == revision) {
            return Optional.of(entry.key());
        }
        Optional<AccessKey> key = store.read(transaction -> transaction.accessKey(accessKeyId));
        if (key.isEmpty()) {
            // Unknown ids are not remembered: they would let anyone fill the cache with garbage.
            entries.remove(accessKeyId);
            return key;
        }
        if (entries.size() >= MAXIMUM_ENTRIES) {
            entries.clear();
        }
        entries.put(accessKeyId, new Entry(revision, key.get()));
        return key;
    }

    private record Entry(long revision, AccessKey key) {}
}
