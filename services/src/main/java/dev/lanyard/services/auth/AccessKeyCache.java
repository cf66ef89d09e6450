package dev.lanyard.services.auth;

import dev.lanyard.services.RevisionCache;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Store;

import java.util.Optional;

/**
 * Keeps access keys in memory so that authenticating a request costs no database read. Entries are served for one store
 * revision, so a deactivated or deleted key stops working at once. Unknown ids are not remembered: they would let anyone
 * fill the cache with garbage.
 */
final class AccessKeyCache
{
    // Bounded so that a flood of distinct (valid) key ids cannot grow the heap without limit.
    private static final int MAXIMUM_ENTRIES = 100_000;

    private final RevisionCache<String, AccessKey> keys;

    AccessKeyCache(Store store)
    {
        this.keys = new RevisionCache<>(store, MAXIMUM_ENTRIES);
    }

    Optional<AccessKey> find(String accessKeyId)
    {
        return keys.get(accessKeyId, transaction -> transaction.accessKey(accessKeyId));
    }
}
