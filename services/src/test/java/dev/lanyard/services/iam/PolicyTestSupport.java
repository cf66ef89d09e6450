package dev.lanyard.services.iam;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.store.Account;
import dev.lanyard.store.Entity;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real SQLite store in a temporary directory with two accounts, and principals inserted the way their families store them. */
final class PolicyTestSupport
        implements AutoCloseable
{
    static final String ACCOUNT = "123456789012";
    static final String OTHER_ACCOUNT = "210987654321";

    final Path directory;
    final Store store;
    final IamContext iam;

    PolicyTestSupport()
    {
        try {
            directory = Files.createTempDirectory("lanyard-policy-test-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = SqliteStore.open(directory, new SecretCipher(MasterKey.random()));
        iam = new IamContext(store, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT, Instant.now(), true));
            transaction.insertAccount(new Account(OTHER_ACCOUNT, Instant.now(), false));
            return null;
        });
    }

    static CallContext call(String accountId, String operation)
    {
        return new CallContext(Caller.root(accountId, "AKIAUNITTEST00000001"), AwsService.IAM, operation, "request-1", "us-east-1", Instant.now(), "127.0.0.1", true);
    }

    static CallContext call()
    {
        return call(ACCOUNT, "Test");
    }

    /** Inserts a role, user or group as the other families store them (kind, name, unique id); returns the id. */
    String principal(String kind, String name, String path)
    {
        String prefix = switch (kind) {
            case EntityKinds.ROLE -> IamIds.ROLE;
            case EntityKinds.USER -> IamIds.USER;
            case EntityKinds.GROUP -> IamIds.GROUP;
            default -> throw new IllegalArgumentException(kind);
        };
        String id = IamIds.newId(prefix);
        store.write(transaction -> {
            transaction.insertEntity(Entity.create(ACCOUNT, kind, id, name, path, "{}", Instant.now()));
            return null;
        });
        return id;
    }

    String principal(String kind, String name)
    {
        return principal(kind, name, "/");
    }

    @Override
    public void close()
    {
        store.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }
}
