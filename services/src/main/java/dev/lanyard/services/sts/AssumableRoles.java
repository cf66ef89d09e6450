package dev.lanyard.services.sts;

import dev.lanyard.store.Store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Roles ready for STS, with their trust policy parsed and compiled, cached by ARN and tagged with the store revision
 * they were read at: the trust policy's display form depends on other entities (a deleted principal shows as its bare
 * id), so any write anywhere makes the next AssumeRole read the role again. Between writes, AssumeRole reads nothing.
 */
final class AssumableRoles
{
    // Bounded like the other revision-keyed caches: a full cache starts over rather than growing.
    private static final int MAXIMUM_ENTRIES = 10_000;

    private final Store store;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    AssumableRoles(Store store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    Optional<AssumableRole> find(String roleArn)
    {
        // The revision is read before the data: a write in between leaves the entry tagged older, so it is read again.
        long revision = store.revision();
        Entry entry = entries.get(roleArn);
        if (entry != null && entry.revision() == revision) {
            return entry.role();
        }
        Optional<AssumableRole> role = store.read(transaction -> AssumableRole.find(transaction, roleArn));
        if (role.isPresent()) {
            if (entries.size() >= MAXIMUM_ENTRIES) {
                entries.clear();
            }
            entries.put(roleArn, new Entry(revision, role));
        }
        return role;
    }

    private record Entry(long revision, Optional<AssumableRole> role) {}
}
