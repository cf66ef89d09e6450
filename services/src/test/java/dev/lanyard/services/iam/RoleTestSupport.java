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

/** A real SQLite store with two accounts, and call contexts for their roots. */
final class RoleTestSupport
        implements AutoCloseable
{
    static final String ACCOUNT = "123456789012";
    static final String OTHER_ACCOUNT = "210987654321";

    final Store store;
    final IamContext iam;
    final RoleOperations roles;
    final InstanceProfileOperations profiles;

    RoleTestSupport()
    {
        try {
            Path directory = Files.createTempDirectory("lanyard-roles-");
            store = SqliteStore.open(directory, new SecretCipher(MasterKey.random()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT, Instant.now(), true));
            transaction.insertAccount(new Account(OTHER_ACCOUNT, Instant.now(), false));
            return null;
        });
        iam = new IamContext(store, Clock.systemUTC());
        roles = new RoleOperations(iam);
        profiles = new InstanceProfileOperations(iam);
    }

    static CallContext call(String accountId)
    {
        return new CallContext(Caller.root(accountId, "AKIATESTROOTKEY00001"), AwsService.IAM, "Test", "request-1", "us-east-1", Instant.now(), "127.0.0.1", true);
    }

    static CallContext call()
    {
        return call(ACCOUNT);
    }

    /** A user as the user family stores it (kind, id, name, path); the body is theirs and not read here. */
    Entity insertUser(String accountId, String path, String name)
    {
        Entity user = Entity.create(accountId, EntityKinds.USER, IamIds.newId(IamIds.USER), name, path, "{}", Instant.now());
        store.write(transaction -> {
            transaction.insertEntity(user);
            return null;
        });
        return user;
    }

    void deleteEntity(Entity entity)
    {
        store.write(transaction -> transaction.deleteEntity(entity.accountId(), entity.kind(), entity.id()));
    }

    void insertEntity(Entity entity)
    {
        store.write(transaction -> {
            transaction.insertEntity(entity);
            return null;
        });
    }

    @Override
    public void close()
    {
        store.close();
    }
}
