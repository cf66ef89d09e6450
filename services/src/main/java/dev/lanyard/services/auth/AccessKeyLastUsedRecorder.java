package dev.lanyard.services.auth;

import dev.lanyard.services.iam.AccessKeyLastUsedBody;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * Records when access keys are used, for GetAccessKeyLastUsed and the credential report. A write per request would
 * serialize all traffic on the store and move its revision (emptying every revision-keyed cache), so each key is
 * written at most once per {@link #INTERVAL}, on a background virtual thread; the answer is as precise as AWS's, which
 * documents last-used data as approximate.
 */
final class AccessKeyLastUsedRecorder
{
    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final int MAXIMUM_ENTRIES = 100_000;

    private final Store store;
    private final ConcurrentHashMap<String, Instant> lastRecorded = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("access-key-last-used").factory());

    AccessKeyLastUsedRecorder(Store store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    void used(AccessKey key, Instant when, String serviceName, String region)
    {
        Instant previous = lastRecorded.get(key.accessKeyId());
        if (previous != null && previous.plus(INTERVAL).isAfter(when)) {
            return;
        }
        if (lastRecorded.size() >= MAXIMUM_ENTRIES) {
            lastRecorded.clear();
        }
        // Only the thread that wins the replacement writes, so a burst of requests yields one write.
        boolean won = previous == null ? lastRecorded.putIfAbsent(key.accessKeyId(), when) == null : lastRecorded.replace(key.accessKeyId(), previous, when);
        if (!won) {
            return;
        }
        try {
            writer.execute(() -> write(key, new AccessKeyLastUsedBody(when.toString(), serviceName, region)));
        }
        catch (RejectedExecutionException shuttingDown) {
            // The server is stopping; the record is advisory.
        }
    }

    private void write(AccessKey key, AccessKeyLastUsedBody body)
    {
        try {
            store.write(transaction -> {
                if (transaction.accessKey(key.accessKeyId()).isEmpty()) {
                    // Deleted meanwhile: do not leave an orphan row behind.
                    return null;
                }
                String json = EntityJson.write(body);
                Optional<Entity> existing = transaction.entityById(key.accountId(), AccessKeyLastUsedBody.KIND, key.accessKeyId());
                if (existing.isPresent()) {
                    transaction.updateEntity(existing.get().withBody(json));
                }
                else {
                    transaction.insertEntity(Entity.create(key.accountId(), AccessKeyLastUsedBody.KIND, key.accessKeyId(), key.accessKeyId(), "/", json, Instant.parse(body.lastUsedDate())));
                }
                return null;
            });
        }
        catch (RuntimeException e) {
            // Advisory data: a failed write (store closing, a concurrent update) must never fail or slow a request.
            lastRecorded.remove(key.accessKeyId());
        }
    }
}
