package dev.lanyard.services.auth;

import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccountService;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.iam.AccessKeyLastUsedBody;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Entity;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AccessKeyLastUsedRecorderTest
{
    @TempDir
    Path directory;

    @Test
    void writesAtMostOncePerMinutePerKey()
            throws InterruptedException
    {
        try (Store store = SqliteStore.open(directory, new SecretCipher(MasterKey.random()))) {
            RootCredentials root = new AccountService(store, Clock.systemUTC(), new AccessKeyGenerator()).bootstrap("123456789012", Optional.empty());
            AccessKey key = store.read(transaction -> transaction.accessKey(root.accessKeyId())).orElseThrow();
            AccessKeyLastUsedRecorder recorder = new AccessKeyLastUsedRecorder(store);
            Instant first = Instant.parse("2026-11-23T10:00:00Z");

            recorder.used(key, first, "sts", "us-east-1");
            assertThat(await(store, key, first).serviceName()).isEqualTo("sts");
            long version = lastUsedEntity(store, key).orElseThrow().version();

            // Within the minute: no write, the first record stays.
            recorder.used(key, first.plusSeconds(30), "iam", "eu-west-1");
            Thread.sleep(200);
            assertThat(lastUsedEntity(store, key).orElseThrow().version()).isEqualTo(version);

            Instant later = first.plus(AccessKeyLastUsedRecorder.INTERVAL);
            recorder.used(key, later, "iam", "eu-west-1");
            AccessKeyLastUsedBody updated = await(store, key, later);
            assertThat(updated.serviceName()).isEqualTo("iam");
            assertThat(updated.region()).isEqualTo("eu-west-1");
        }
    }

    private static Optional<Entity> lastUsedEntity(Store store, AccessKey key)
    {
        return store.read(transaction -> transaction.entityById(key.accountId(), AccessKeyLastUsedBody.KIND, key.accessKeyId()));
    }

    private static AccessKeyLastUsedBody await(Store store, AccessKey key, Instant expected)
            throws InterruptedException
    {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (true) {
            Optional<AccessKeyLastUsedBody> body = lastUsedEntity(store, key).map(entity -> EntityJson.read(entity.body(), AccessKeyLastUsedBody.class));
            if (body.isPresent() && body.get().lastUsedDate().equals(expected.toString())) {
                return body.get();
            }
            assertThat(Instant.now()).as("last use recorded in time").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
