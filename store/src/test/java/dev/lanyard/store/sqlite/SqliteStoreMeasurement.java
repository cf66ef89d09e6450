package dev.lanyard.store.sqlite;

import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Account;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.WriteTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Latency numbers for docs/benchmarks.md, not a pass/fail test (timing assertions flake on shared machines).
 * Run: {@code ./mvnw -q -B -pl store test -Dtest=SqliteStoreMeasurement -Dlanyard.measure=true -Dsurefire.failIfNoSpecifiedTests=false};
 * the numbers land in target/surefire-reports/dev.lanyard.store.sqlite.SqliteStoreMeasurement-output.txt.
 */
@EnabledIfSystemProperty(named = "lanyard.measure", matches = "true")
class SqliteStoreMeasurement
{
    private static final String ACCOUNT = "123456789012";
    private static final Instant CREATED = Instant.parse("2026-11-23T10:15:30Z");
    private static final int ITERATIONS = 10_000;

    @TempDir
    Path dataDirectory;

    @Test
    void measure()
    {
        try (SqliteStore store = SqliteStore.open(dataDirectory, new SecretCipher(MasterKey.random()))) {
            store.write((WriteTransaction transaction) -> {
                transaction.insertAccount(new Account(ACCOUNT, CREATED, true));
                transaction.insertAccessKey(new AccessKey("AKIAMEASURE00000001", ACCOUNT, "alice", "secret", AccessKey.Status.ACTIVE, CREATED));
                transaction.insertEntity(Entity.create(ACCOUNT, "role", "AROAPOINT", "Point", "/", "{\"RoleName\":\"Point\"}", CREATED));
                return null;
            });

            long[] writes = new long[ITERATIONS];
            for (int index = 0; index < ITERATIONS; index++) {
                int number = index;
                long start = System.nanoTime();
                store.write((WriteTransaction transaction) -> transaction.insertLink(new Link(ACCOUNT, "role-policy", "AROAPOINT", "ANPA" + number)));
                writes[index] = System.nanoTime() - start;
            }
            report("write transaction, one row (synchronous=FULL)", writes);

            long[] entityReads = new long[ITERATIONS];
            long[] keyReads = new long[ITERATIONS];
            for (int index = 0; index < ITERATIONS; index++) {
                long start = System.nanoTime();
                store.read((ReadTransaction transaction) -> transaction.entityById(ACCOUNT, "role", "AROAPOINT")).orElseThrow();
                entityReads[index] = System.nanoTime() - start;
                start = System.nanoTime();
                store.read((ReadTransaction transaction) -> transaction.accessKey("AKIAMEASURE00000001")).orElseThrow();
                keyReads[index] = System.nanoTime() - start;
            }
            report("read transaction, entityById", entityReads);
            report("read transaction, accessKey (decrypts)", keyReads);

            for (int target : List.of(50_000, 100_000)) {
                fill(store, target);
                measurePaging(store, target);
            }
        }
    }

    private static void fill(SqliteStore store, int target)
    {
        long start = System.nanoTime();
        long existing = store.read((ReadTransaction transaction) -> transaction.countEntities(ACCOUNT, "user"));
        for (long from = existing; from < target; from += 10_000) {
            long first = from;
            store.write((WriteTransaction transaction) -> {
                for (long index = first; index < Math.min(first + 10_000, target); index++) {
                    // a multiplicative scramble so insertion order differs from name order
                    long scrambled = (index * 7919) % 1_000_003;
                    String name = (index % 2 == 0 ? "User" : "user") + scrambled;
                    transaction.insertEntity(Entity.create(ACCOUNT, "user", "AIDA" + index, name, index % 10 == 0 ? "/admins/" : "/staff/",
                            "{\"UserName\":\"" + name + "\",\"Tags\":[]}", CREATED));
                }
                return null;
            });
        }
        System.out.printf("filled to %,d users in %,d ms%n", target, (System.nanoTime() - start) / 1_000_000);
    }

    private static void measurePaging(SqliteStore store, int total)
    {
        for (int round = 0; round < 3; round++) {
            walk(store, total, null, 100, round == 2);
        }
        walk(store, total, null, 1000, true);
        walk(store, total, "/admins/", 100, true);

        long[] firstPages = new long[1000];
        long[] middlePages = new long[1000];
        for (int index = 0; index < firstPages.length; index++) {
            long start = System.nanoTime();
            store.read((ReadTransaction transaction) -> transaction.entities(ACCOUNT, "user", null, null, 100));
            firstPages[index] = System.nanoTime() - start;
            start = System.nanoTime();
            store.read((ReadTransaction transaction) -> transaction.entities(ACCOUNT, "user", null, "user5", 100));
            middlePages[index] = System.nanoTime() - start;
        }
        report("entities() first page of 100, " + total + " users", firstPages);
        report("entities() page of 100 after a middle marker, " + total + " users", middlePages);
    }

    private static void walk(SqliteStore store, int total, String pathPrefix, int pageSize, boolean print)
    {
        long start = System.nanoTime();
        String marker = null;
        long seen = 0;
        int pages = 0;
        while (true) {
            String after = marker;
            List<Entity> page = store.read((ReadTransaction transaction) -> transaction.entities(ACCOUNT, "user", pathPrefix, after, pageSize));
            seen += page.size();
            pages++;
            if (page.size() < pageSize) {
                break;
            }
            marker = page.getLast().name();
        }
        long elapsed = System.nanoTime() - start;
        if (print) {
            System.out.printf("full walk of %,d users (prefix %s), pages of %d: %,d entities, %,d pages, %,d ms total, %.1f µs per page, %.2f µs per entity%n",
                    total, pathPrefix, pageSize, seen, pages, elapsed / 1_000_000, elapsed / 1000.0 / pages, elapsed / 1000.0 / seen);
        }
    }

    private static void report(String name, long[] nanos)
    {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElseThrow();
        System.out.printf("%s: n=%,d mean=%.1f µs p50=%.1f µs p99=%.1f µs max=%.1f µs%n",
                name, sorted.length, mean / 1000, sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0, sorted[sorted.length - 1] / 1000.0);
    }
}
