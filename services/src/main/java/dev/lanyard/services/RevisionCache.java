package dev.lanyard.services;

import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.Store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Values computed from the store, each tagged with the store revision it was read at and served only while the store is
 * still at that revision: any committed write makes the next lookup read again, so a cached value is never stale.
 * Between writes a lookup costs one map probe. Bounded: a full cache starts over rather than growing.
 */
public final class RevisionCache<K, V>
{
    private final Store store;
    private final int maximumEntries;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public RevisionCache(Store store, int maximumEntries)
    {
        this.store = requireNonNull(store, "store is null");
        this.maximumEntries = maximumEntries;
    }

    /** The cached value of {@code key}, or {@code loader}'s in a read transaction; empty results are not cached. */
    public Optional<V> get(K key, Function<ReadTransaction, Optional<V>> loader)
    {
        // The revision is read before the data: a write in between leaves the entry tagged older, so it is read again.
        long revision = store.revision();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.revision() == revision) {
            return Optional.of(entry.value());
        }
        Optional<V> loaded = store.read(loader::apply);
        if (loaded.isPresent()) {
            if (entries.size() >= maximumEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(revision, loaded.get()));
        }
        return loaded;
    }

    /** How many values are cached (for tests of the bound). */
    public int size()
    {
        return entries.size();
    }

    private record Entry<V>(long revision, V value) {}
}
