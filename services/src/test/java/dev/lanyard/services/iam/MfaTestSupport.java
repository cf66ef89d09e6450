package dev.lanyard.services.iam;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.TestingClock;
import dev.lanyard.store.Account;
import dev.lanyard.store.Entity;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;

/** A real SQLite store in a temporary directory, a clock the test moves, and callers; for the MFA and federation tests. */
final class MfaTestSupport
        implements AutoCloseable
{
    static final String ACCOUNT = "123456789012";
    static final String OTHER_ACCOUNT = "210987654321";

    final TestingClock clock = new TestingClock(Instant.parse("2026-11-23T12:00:10Z"));
    final Store store;
    final IamContext context;

    MfaTestSupport()
    {
        try {
            store = SqliteStore.open(Files.createTempDirectory("lanyard-mfa-test-"), new SecretCipher(MasterKey.random()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT, clock.instant(), true));
            transaction.insertAccount(new Account(OTHER_ACCOUNT, clock.instant(), false));
            return null;
        });
        context = new IamContext(store, clock);
    }

    CallContext root()
    {
        return call(Caller.root(ACCOUNT, "AKIAROOT000000000001"));
    }

    CallContext otherRoot()
    {
        return call(Caller.root(OTHER_ACCOUNT, "AKIAROOT000000000002"));
    }

    CallContext call(Caller caller)
    {
        return new CallContext(caller, AwsService.IAM, "Test", "request-1", "us-east-1", clock.instant(), "127.0.0.1", true);
    }

    /** Users belong to another family: the tests insert what every user entity has, as the brief of that family describes it. */
    Entity createUser(String accountId, String name)
    {
        String id = IamIds.newId(IamIds.USER);
        String arn = IamArns.user(accountId, "/", name);
        Entity user = Entity.create(accountId, EntityKinds.USER, id, name, "/",
                "{\"userName\":\"" + name + "\",\"path\":\"/\",\"arn\":\"" + arn + "\"}", clock.instant());
        store.write(transaction -> {
            transaction.insertEntity(user);
            return null;
        });
        return user;
    }

    @Override
    public void close()
    {
        store.close();
    }
}
