package dev.lanyard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The behaviour every {@link Store} backend must have. A backend's test extends this class and says how to create
 * a store; everything else is shared, so the backends cannot drift apart. Packaged in the test-jar.
 */
public abstract class StoreAcceptanceTest
{
    protected static final String ACCOUNT = "123456789012";
    protected static final String OTHER_ACCOUNT = "210987654321";
    protected static final Instant CREATED = Instant.parse("2026-11-23T10:15:30.123456789Z");
    protected static final String ROLE = "role";
    protected static final String USER = "user";

    protected Store store;

    /** A new, empty store. Called before each test. */
    protected abstract Store createStore();

    /** A new store instance over the data of the store {@link #createStore()} returned; the test has closed that one. */
    protected abstract Store reopenStore();

    /** The files the backend keeps its data in, to check that no secret is stored in plaintext; empty skips that check. */
    protected List<Path> storageFiles()
    {
        return List.of();
    }

    @BeforeEach
    public final void createStoreForTest()
    {
        store = createStore();
    }

    @AfterEach
    public final void closeStoreAfterTest()
    {
        store.close();
    }

    protected final void reopen()
    {
        store.close();
        store = reopenStore();
    }

    protected final void insertAccounts()
    {
        store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT, CREATED, true));
            transaction.insertAccount(new Account(OTHER_ACCOUNT, CREATED.plusSeconds(1), false));
            return null;
        });
    }

    protected static Entity role(String id, String name, String path)
    {
        return Entity.create(ACCOUNT, ROLE, id, name, path, "{\"RoleName\":\"" + name + "\"}", CREATED);
    }

    private static AccessKey key(String id, String principal, String secret, Instant createdAt)
    {
        return new AccessKey(id, ACCOUNT, principal, secret, AccessKey.Status.ACTIVE, createdAt);
    }

    // ---- accounts and access keys

    @Test
    public void accounts()
    {
        assertThat(store.read(ReadTransaction::accounts)).isEmpty();
        insertAccounts();
        assertThat(store.read((ReadTransaction transaction) -> transaction.account(ACCOUNT))).contains(new Account(ACCOUNT, CREATED, true));
        assertThat(store.read((ReadTransaction transaction) -> transaction.account("999999999999"))).isEmpty();
        assertThat(store.read(ReadTransaction::accounts)).containsExactly(
                new Account(ACCOUNT, CREATED, true),
                new Account(OTHER_ACCOUNT, CREATED.plusSeconds(1), false));

        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT, CREATED, false));
            return null;
        })).isInstanceOf(StoreException.Conflict.class);
        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertAccount(new Account("555555555555", CREATED, true));
            return null;
        })).as("a second default account").isInstanceOf(StoreException.Conflict.class);
    }

    @Test
    public void accessKeys()
    {
        insertAccounts();
        AccessKey older = key("AKIAOLDER0000000001", "alice", "older/secret+1", CREATED);
        AccessKey newer = key("AKIANEWER0000000002", "alice", "newer/secret+2", CREATED.plusNanos(1));
        AccessKey root = key("AKIAROOT00000000003", AccessKey.ROOT, "root-secret", CREATED);
        store.write(transaction -> {
            transaction.insertAccessKey(newer);
            transaction.insertAccessKey(older);
            transaction.insertAccessKey(root);
            return null;
        });

        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKey(older.accessKeyId()))).contains(older);
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKey(older.accessKeyId())).orElseThrow().secretAccessKey()).isEqualTo("older/secret+1");
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKeys(ACCOUNT, "alice"))).containsExactly(older, newer);
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKeys(ACCOUNT, AccessKey.ROOT))).containsExactly(root);
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKeys(OTHER_ACCOUNT, "alice"))).isEmpty();
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKey("AKIAMISSING00000000"))).isEmpty();

        assertThat(store.write((WriteTransaction transaction) -> transaction.updateAccessKeyStatus(older.accessKeyId(), AccessKey.Status.INACTIVE))).isTrue();
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKey(older.accessKeyId())).orElseThrow().status()).isEqualTo(AccessKey.Status.INACTIVE);
        assertThat(store.write((WriteTransaction transaction) -> transaction.updateAccessKeyStatus("AKIAMISSING00000000", AccessKey.Status.INACTIVE))).isFalse();

        assertThat(store.write((WriteTransaction transaction) -> transaction.deleteAccessKey(older.accessKeyId()))).isTrue();
        assertThat(store.write((WriteTransaction transaction) -> transaction.deleteAccessKey(older.accessKeyId()))).isFalse();
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKeys(ACCOUNT, "alice"))).containsExactly(newer);

        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertAccessKey(key(newer.accessKeyId(), "bob", "other", CREATED));
            return null;
        })).isInstanceOf(StoreException.Conflict.class);
        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertAccessKey(new AccessKey("AKIANOACCOUNT000000", "999999999999", "bob", "s", AccessKey.Status.ACTIVE, CREATED));
            return null;
        })).as("a key of an account that does not exist")
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(StoreException.Conflict.class);
    }

    @Test
    public void secretsAreNotStoredInPlaintext()
            throws IOException
    {
        assumeThat(storageFiles()).as("backend exposes its storage files").isNotEmpty();
        insertAccounts();
        String accessKeySecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLAINTEXT";
        String entitySecret = "MFA-SEED-JBSWY3DPEHPK3PXPLAINTEXT";
        store.write(transaction -> {
            transaction.insertAccessKey(key("AKIAVISIBLEKEYID001", "alice", accessKeySecret, CREATED));
            transaction.putSecret(ACCOUNT, "AIDAUSER", "mfa-seed", entitySecret.getBytes(StandardCharsets.UTF_8));
            return null;
        });
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKey("AKIAVISIBLEKEYID001")).orElseThrow().secretAccessKey()).isEqualTo(accessKeySecret);
        assertThat(store.read((ReadTransaction transaction) -> transaction.secret(ACCOUNT, "AIDAUSER", "mfa-seed")).map(bytes -> new String(bytes, StandardCharsets.UTF_8))).contains(entitySecret);

        // while open (the data may sit in a write-ahead log) and after close (checkpointed into the main file)
        assertSecretsAbsent(accessKeySecret, entitySecret);
        store.close();
        assertSecretsAbsent(accessKeySecret, entitySecret);
        store = reopenStore();
    }

    private void assertSecretsAbsent(String... secrets)
            throws IOException
    {
        StringBuilder raw = new StringBuilder();
        for (Path file : storageFiles()) {
            if (Files.exists(file)) {
                raw.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        // the check must be able to see stored text at all: the key id is stored in plaintext
        assertThat(raw.toString()).contains("AKIAVISIBLEKEYID001");
        for (String secret : secrets) {
            assertThat(raw.toString()).doesNotContain(secret);
        }
    }

    @Test
    public void entitySecrets()
    {
        insertAccounts();
        byte[] seed = {0, 1, 2, (byte) 0xff};
        store.write(transaction -> {
            transaction.putSecret(ACCOUNT, "AIDAALICE", "mfa-seed", seed);
            return null;
        });
        assertThat(store.read((ReadTransaction transaction) -> transaction.secret(ACCOUNT, "AIDAALICE", "mfa-seed"))).hasValueSatisfying(value -> assertThat(value).isEqualTo(seed));
        assertThat(store.read((ReadTransaction transaction) -> transaction.secret(ACCOUNT, "AIDAALICE", "other-purpose"))).isEmpty();
        assertThat(store.read((ReadTransaction transaction) -> transaction.secret(OTHER_ACCOUNT, "AIDAALICE", "mfa-seed"))).isEmpty();

        byte[] replacement = "new seed".getBytes(StandardCharsets.UTF_8);
        store.write(transaction -> {
            transaction.putSecret(ACCOUNT, "AIDAALICE", "mfa-seed", replacement);
            return null;
        });
        assertThat(store.read((ReadTransaction transaction) -> transaction.secret(ACCOUNT, "AIDAALICE", "mfa-seed"))).hasValueSatisfying(value -> assertThat(value).isEqualTo(replacement));

        assertThat(store.write((WriteTransaction transaction) -> transaction.deleteSecret(ACCOUNT, "AIDAALICE", "mfa-seed"))).isTrue();
        assertThat(store.write((WriteTransaction transaction) -> transaction.deleteSecret(ACCOUNT, "AIDAALICE", "mfa-seed"))).isFalse();
        assertThat(store.read((ReadTransaction transaction) -> transaction.secret(ACCOUNT, "AIDAALICE", "mfa-seed"))).isEmpty();
    }

    // ---- entities

    @Test
    public void entityLookups()
    {
        insertAccounts();
        Entity admin = role("AROAADMIN", "Admin", "/ops/");
        store.write(transaction -> {
            transaction.insertEntity(admin);
            return null;
        });
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityById(ACCOUNT, ROLE, "AROAADMIN"))).contains(admin);
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityByName(ACCOUNT, ROLE, "Admin"))).contains(admin);
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityByName(ACCOUNT, ROLE, "aDMIN"))).contains(admin);
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityByName(ACCOUNT, USER, "Admin"))).isEmpty();
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityByName(OTHER_ACCOUNT, ROLE, "Admin"))).isEmpty();
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityById(ACCOUNT, USER, "AROAADMIN"))).isEmpty();
        assertThat(store.read((ReadTransaction transaction) -> transaction.countEntities(ACCOUNT, ROLE))).isEqualTo(1);
        assertThat(store.read((ReadTransaction transaction) -> transaction.countEntities(ACCOUNT, USER))).isZero();
    }

    @Test
    public void entityNamesAreUniqueIgnoringCase()
    {
        insertAccounts();
        store.write(transaction -> {
            transaction.insertEntity(role("AROA1", "Admin", "/"));
            return null;
        });
        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertEntity(role("AROA2", "ADMIN", "/"));
            return null;
        })).isInstanceOf(StoreException.Conflict.class);
        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertEntity(role("AROA1", "Other", "/"));
            return null;
        })).as("duplicate id").isInstanceOf(StoreException.Conflict.class);

        // the same name is free in another kind and in another account
        store.write(transaction -> {
            transaction.insertEntity(Entity.create(ACCOUNT, USER, "AIDA1", "admin", "/", "{}", CREATED));
            transaction.insertEntity(Entity.create(OTHER_ACCOUNT, ROLE, "AROA3", "admin", "/", "{}", CREATED));
            return null;
        });
        assertThat(store.read((ReadTransaction transaction) -> transaction.countEntities(ACCOUNT, ROLE))).isEqualTo(1);
    }

    @Test
    public void entityOfMissingAccountIsRefused()
    {
        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertEntity(role("AROA1", "Admin", "/"));
            return null;
        })).isInstanceOf(StoreException.class).isNotInstanceOf(StoreException.Conflict.class);
    }

    @Test
    public void entityPaging()
    {
        insertAccounts();
        List<String> names = new ArrayList<>();
        for (int index = 0; index < 240; index++) {
            // mixed case and digits, so case-insensitive order differs from binary order
            String name = (index % 3 == 0 ? "Role" : index % 3 == 1 ? "role" : "ROLE_") + String.format("%03d", (index * 37) % 240);
            names.add(name);
        }
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new Random(7));
        store.write(transaction -> {
            int index = 0;
            for (String name : shuffled) {
                transaction.insertEntity(role("AROA" + index, name, index % 2 == 0 ? "/team/a/" : "/team/b/"));
                transaction.insertEntity(Entity.create(ACCOUNT, USER, "AIDA" + index, name, "/", "{}", CREATED));
                index++;
            }
            return null;
        });
        List<String> expected = new ArrayList<>(names);
        expected.sort(Comparator.comparing((String name) -> name.toLowerCase(java.util.Locale.ROOT)));

        assertThat(walk(null, 7)).containsExactlyElementsOf(expected);
        assertThat(walk("/", 1000)).containsExactlyElementsOf(expected);
        assertThat(walk("/team/", 13)).containsExactlyElementsOf(expected);
        List<String> teamA = store.read(transaction -> transaction.entities(ACCOUNT, ROLE, "/team/a/", null, 1000)).stream()
                .peek(entity -> assertThat(entity.path()).isEqualTo("/team/a/"))
                .map(Entity::name)
                .toList();
        assertThat(teamA).hasSize(120).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(walk("/team/a/", 5)).containsExactlyElementsOf(teamA);
        assertThat(walk("/team/c/", 5)).isEmpty();
        assertThat(walk("/TEAM/", 5)).as("path prefixes are case-sensitive").isEmpty();

        // the marker is exclusive and compared ignoring case, like the names
        String marker = expected.get(99);
        assertThat(store.read((ReadTransaction transaction) -> transaction.entities(ACCOUNT, ROLE, null, marker.toUpperCase(java.util.Locale.ROOT), 3)))
                .extracting(Entity::name)
                .containsExactlyElementsOf(expected.subList(100, 103));
        assertThat(store.read((ReadTransaction transaction) -> transaction.entities(ACCOUNT, ROLE, null, "zzz", 3))).isEmpty();
        assertThat(store.read((ReadTransaction transaction) -> transaction.entities(OTHER_ACCOUNT, ROLE, null, null, 3))).isEmpty();
        assertThat(store.read((ReadTransaction transaction) -> transaction.countEntities(ACCOUNT, ROLE))).isEqualTo(240);
        assertThatThrownBy(() -> store.read(transaction -> transaction.entities(ACCOUNT, ROLE, null, null, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> walk(String pathPrefix, int pageSize)
    {
        List<String> names = new ArrayList<>();
        String marker = null;
        while (true) {
            String after = marker;
            List<Entity> page = store.read(transaction -> transaction.entities(ACCOUNT, ROLE, pathPrefix, after, pageSize));
            page.forEach(entity -> names.add(entity.name()));
            if (page.size() < pageSize) {
                return names;
            }
            marker = page.getLast().name();
        }
    }

    @Test
    public void optimisticUpdate()
    {
        insertAccounts();
        Entity original = role("AROA1", "Admin", "/");
        store.write(transaction -> {
            transaction.insertEntity(original);
            transaction.insertEntity(role("AROA2", "Taken", "/"));
            return null;
        });

        Entity updated = store.write(transaction -> transaction.updateEntity(original.withBody("{\"v\":2}").withName("admin2").withPath("/new/")));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.createdAt()).isEqualTo(CREATED);
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityById(ACCOUNT, ROLE, "AROA1"))).contains(updated);
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityByName(ACCOUNT, ROLE, "Admin"))).isEmpty();

        assertThatThrownBy(() -> store.write(transaction -> transaction.updateEntity(original.withBody("{\"lost\":true}"))))
                .as("an update based on a stale version")
                .isInstanceOf(StoreException.Conflict.class);
        assertThatThrownBy(() -> store.write(transaction -> transaction.updateEntity(updated.withName("TAKEN"))))
                .as("a rename to a taken name")
                .isInstanceOf(StoreException.Conflict.class);
        assertThatThrownBy(() -> store.write(transaction -> transaction.updateEntity(role("AROAMISSING", "Nobody", "/"))))
                .isInstanceOf(StoreException.NotFound.class);
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityById(ACCOUNT, ROLE, "AROA1"))).contains(updated);

        Entity third = store.write(transaction -> transaction.updateEntity(updated.withBody("{\"v\":3}")));
        assertThat(third.version()).isEqualTo(3);

        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertEntity(role("AROA9", "Nine", "/").withVersion(5));
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void deleteEntity()
    {
        insertAccounts();
        store.write(transaction -> {
            transaction.insertEntity(role("AROA1", "Admin", "/"));
            return null;
        });
        assertThat(store.write((WriteTransaction transaction) -> transaction.deleteEntity(ACCOUNT, ROLE, "AROA1"))).isTrue();
        assertThat(store.write((WriteTransaction transaction) -> transaction.deleteEntity(ACCOUNT, ROLE, "AROA1"))).isFalse();
        assertThat(store.read((ReadTransaction transaction) -> transaction.entityByName(ACCOUNT, ROLE, "admin"))).isEmpty();
        // the name is free again
        store.write(transaction -> {
            transaction.insertEntity(role("AROA2", "ADMIN", "/"));
            return null;
        });
    }

    @Test
    public void links()
    {
        insertAccounts();
        Link adminPolicy = new Link(ACCOUNT, "role-policy", "AROAADMIN", "ANPAPOLICY1");
        Link adminPolicy2 = new Link(ACCOUNT, "role-policy", "AROAADMIN", "ANPAPOLICY2");
        Link readerPolicy = new Link(ACCOUNT, "role-policy", "AROAREADER", "ANPAPOLICY1");
        Link group = new Link(ACCOUNT, "user-group", "AROAADMIN", "AGPAGROUP");
        assertThat(store.write((WriteTransaction transaction) -> transaction.insertLink(adminPolicy2))).isTrue();
        assertThat(store.write((WriteTransaction transaction) -> transaction.insertLink(adminPolicy))).isTrue();
        assertThat(store.write((WriteTransaction transaction) -> transaction.insertLink(readerPolicy))).isTrue();
        assertThat(store.write((WriteTransaction transaction) -> transaction.insertLink(group))).isTrue();
        assertThat(store.write((WriteTransaction transaction) -> transaction.insertLink(adminPolicy))).as("idempotent").isFalse();

        assertThat(store.read((ReadTransaction transaction) -> transaction.linksFrom(ACCOUNT, "role-policy", "AROAADMIN"))).containsExactly(adminPolicy, adminPolicy2);
        assertThat(store.read((ReadTransaction transaction) -> transaction.linksTo(ACCOUNT, "role-policy", "ANPAPOLICY1"))).containsExactly(adminPolicy, readerPolicy);
        assertThat(store.read((ReadTransaction transaction) -> transaction.linksTo(ACCOUNT, "user-group", "AGPAGROUP"))).containsExactly(group);
        assertThat(store.read((ReadTransaction transaction) -> transaction.linksFrom(OTHER_ACCOUNT, "role-policy", "AROAADMIN"))).isEmpty();

        assertThat(store.write((WriteTransaction transaction) -> transaction.deleteLink(adminPolicy))).isTrue();
        assertThat(store.write((WriteTransaction transaction) -> transaction.deleteLink(adminPolicy))).isFalse();
        assertThat(store.read((ReadTransaction transaction) -> transaction.linksFrom(ACCOUNT, "role-policy", "AROAADMIN"))).containsExactly(adminPolicy2);
        assertThat(store.read((ReadTransaction transaction) -> transaction.linksTo(ACCOUNT, "role-policy", "ANPAPOLICY1"))).containsExactly(readerPolicy);
    }

    // ---- transactions and revisions

    @Test
    public void exceptionRollsBackEverything()
    {
        insertAccounts();
        long before = store.revision();
        IllegalStateException failure = new IllegalStateException("service failed half way");
        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertEntity(role("AROA1", "First", "/"));
            transaction.insertLink(new Link(ACCOUNT, "role-policy", "AROA1", "ANPA1"));
            transaction.putSecret(ACCOUNT, "AROA1", "seed", new byte[] {1});
            assertThat(transaction.entityById(ACCOUNT, ROLE, "AROA1")).as("a transaction sees its own writes").isPresent();
            throw failure;
        })).isSameAs(failure);

        // a store failure half way rolls back as well
        assertThatThrownBy(() -> store.write(transaction -> {
            transaction.insertEntity(role("AROA2", "Second", "/"));
            transaction.insertAccount(new Account(ACCOUNT, CREATED, false));
            return null;
        })).isInstanceOf(StoreException.Conflict.class);

        store.read(transaction -> {
            assertThat(transaction.countEntities(ACCOUNT, ROLE)).isZero();
            assertThat(transaction.linksFrom(ACCOUNT, "role-policy", "AROA1")).isEmpty();
            assertThat(transaction.secret(ACCOUNT, "AROA1", "seed")).isEmpty();
            return null;
        });
        assertThat(store.revision()).isEqualTo(before);
    }

    @Test
    public void caughtConflictLeavesTheTransactionUsable()
    {
        // services may try an insert and answer a Conflict themselves; a backend whose database aborts the whole
        // transaction on an error (PostgreSQL) must wrap each statement in a savepoint to pass this
        insertAccounts();
        store.write((WriteTransaction transaction) -> {
            transaction.insertEntity(role("AROA1", "First", "/"));
            assertThatThrownBy(() -> transaction.insertEntity(role("AROA2", "FIRST", "/"))).isInstanceOf(StoreException.Conflict.class);
            transaction.insertEntity(role("AROA3", "Third", "/"));
            return null;
        });
        assertThat(store.read((ReadTransaction transaction) -> transaction.entities(ACCOUNT, ROLE, null, null, 10)))
                .extracting(Entity::id)
                .containsExactly("AROA1", "AROA3");
    }

    @Test
    public void revisionAdvancesOnEachCommittedWrite()
    {
        long initial = store.revision();
        insertAccounts();
        assertThat(store.revision()).isEqualTo(initial + 1);
        store.read(ReadTransaction::accounts);
        store.read(transaction -> transaction.account(ACCOUNT));
        assertThat(store.revision()).isEqualTo(initial + 1);
        store.write(transaction -> transaction.insertLink(new Link(ACCOUNT, "r", "a", "b")));
        assertThat(store.revision()).isEqualTo(initial + 2);
        assertThatThrownBy(() -> store.write(transaction -> {
            throw new IllegalArgumentException("no");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.revision()).isEqualTo(initial + 2);
        store.wipe();
        assertThat(store.revision()).isEqualTo(initial + 3);
    }

    @Test
    public void transactionsDoNotNest()
    {
        assertThatThrownBy(() -> store.read(outer -> store.write(inner -> null))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.write(outer -> store.read(inner -> null))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.write(outer -> store.write(inner -> null))).isInstanceOf(IllegalStateException.class);
        // the store is still usable afterwards
        insertAccounts();
        assertThat(store.read(ReadTransaction::accounts)).hasSize(2);
    }

    @Test
    public void transactionCannotBeUsedAfterItEnded()
    {
        insertAccounts();
        ReadTransaction escaped = store.read(transaction -> transaction);
        assertThatThrownBy(() -> escaped.account(ACCOUNT)).isInstanceOf(IllegalStateException.class);
        WriteTransaction escapedWrite = store.write(transaction -> transaction);
        assertThatThrownBy(() -> escapedWrite.insertLink(new Link(ACCOUNT, "r", "a", "b"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    public void wipe()
    {
        insertAccounts();
        store.write(transaction -> {
            transaction.insertAccessKey(key("AKIA1", "alice", "s", CREATED));
            transaction.insertEntity(role("AROA1", "Admin", "/"));
            transaction.insertLink(new Link(ACCOUNT, "role-policy", "AROA1", "ANPA1"));
            transaction.putSecret(ACCOUNT, "AROA1", "seed", new byte[] {1});
            return null;
        });
        long before = store.revision();
        store.wipe();
        assertThat(store.revision()).isGreaterThan(before);
        store.read(transaction -> {
            assertThat(transaction.accounts()).isEmpty();
            assertThat(transaction.accessKey("AKIA1")).isEmpty();
            assertThat(transaction.countEntities(ACCOUNT, ROLE)).isZero();
            assertThat(transaction.linksFrom(ACCOUNT, "role-policy", "AROA1")).isEmpty();
            assertThat(transaction.secret(ACCOUNT, "AROA1", "seed")).isEmpty();
            return null;
        });
        // bootstrapping again works
        insertAccounts();
        assertThat(store.read(ReadTransaction::accounts)).hasSize(2);
    }

    @Test
    public void committedDataSurvivesReopen()
    {
        insertAccounts();
        AccessKey key = key("AKIADURABLE00000001", "alice", "durable-secret", CREATED);
        Entity entity = role("AROA1", "Admin", "/");
        Link link = new Link(ACCOUNT, "role-policy", "AROA1", "ANPA1");
        store.write(transaction -> {
            transaction.insertAccessKey(key);
            transaction.insertEntity(entity);
            transaction.insertLink(link);
            transaction.putSecret(ACCOUNT, "AROA1", "seed", new byte[] {42});
            return null;
        });
        long revision = store.revision();

        // reopening twice also shows that opening an up-to-date store changes nothing
        for (int round = 0; round < 2; round++) {
            reopen();
            assertThat(store.revision()).isEqualTo(revision);
            assertThat(store.read((ReadTransaction transaction) -> transaction.accessKey(key.accessKeyId()))).contains(key);
            assertThat(store.read((ReadTransaction transaction) -> transaction.entityById(ACCOUNT, ROLE, "AROA1"))).contains(entity);
            assertThat(store.read((ReadTransaction transaction) -> transaction.linksFrom(ACCOUNT, "role-policy", "AROA1"))).containsExactly(link);
            assertThat(store.read((ReadTransaction transaction) -> transaction.secret(ACCOUNT, "AROA1", "seed"))).hasValueSatisfying(value -> assertThat(value).containsExactly(42));
        }
        store.write(transaction -> transaction.insertLink(new Link(ACCOUNT, "r", "a", "b")));
        assertThat(store.revision()).isEqualTo(revision + 1);
    }

    @Test
    public void readersRunWhileWriterWrites()
            throws InterruptedException
    {
        insertAccounts();
        int writes = 150;
        int readerThreads = 6;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(readerThreads + 1);
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().start(() -> {
            try {
                started.countDown();
                started.await();
                for (int index = 0; index < writes; index++) {
                    int number = index;
                    store.write(transaction -> {
                        // two entities per transaction: a reader must never see one without the other
                        transaction.insertEntity(role("AROAX" + number, "x" + number, "/"));
                        transaction.insertEntity(role("AROAY" + number, "y" + number, "/"));
                        return null;
                    });
                }
            }
            catch (Throwable e) {
                failures.add(e);
            }
            finally {
                writing.set(false);
            }
        }));
        for (int reader = 0; reader < readerThreads; reader++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    started.countDown();
                    started.await();
                    long previous = 0;
                    while (writing.get()) {
                        long count = store.read(transaction -> {
                            long first = transaction.countEntities(ACCOUNT, ROLE);
                            // a snapshot: the same query later in the transaction sees the same data
                            assertThat(transaction.entities(ACCOUNT, ROLE, null, null, 100_000)).hasSize((int) first);
                            return first;
                        });
                        assertThat(count % 2).as("atomic commit").isZero();
                        assertThat(count).as("no reader goes back in time").isGreaterThanOrEqualTo(previous);
                        previous = count;
                    }
                }
                catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(store.read((ReadTransaction transaction) -> transaction.countEntities(ACCOUNT, ROLE))).isEqualTo(2L * writes);
    }
}
