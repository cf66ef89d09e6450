package dev.lanyard.services.sts;

import dev.lanyard.store.Store;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The AES-256 keys that seal session tokens. New tokens use the newest key; older keys stay until every token they
 * sealed has expired, so rotation never breaks a live session. The ring is kept in the store as an encrypted secret of
 * the default account (encrypted again under the master key), and survives restarts.
 */
public final class SessionTokenKeyRing
{
    /** The longest session (GetSessionToken / GetFederationToken: 36 hours) plus a margin for clock skew. */
    public static final Duration RETENTION = Duration.ofHours(36).plusMinutes(15);

    static final String SECRET_OWNER = "lanyard:session-token-keys";
    static final String SECRET_PURPOSE = "ring";
    private static final int KEY_BYTES = 32;

    private final Store store;
    private final String ownerAccountId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile List<Key> keys;

    public record Key(int id, Instant createdAt, SecretKey secretKey)
    {
        public Key
        {
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(secretKey, "secretKey is null");
        }

        @Override
        public String toString()
        {
            return "Key[id=" + id + ", createdAt=" + createdAt + "]";
        }
    }

    private SessionTokenKeyRing(Store store, String ownerAccountId, Clock clock, List<Key> keys)
    {
        this.store = store;
        this.ownerAccountId = ownerAccountId;
        this.clock = clock;
        this.keys = List.copyOf(keys);
    }

    /** The ring of the store, created with one key on first use. */
    public static SessionTokenKeyRing load(Store store, String ownerAccountId, Clock clock)
    {
        requireNonNull(store, "store is null");
        requireNonNull(ownerAccountId, "ownerAccountId is null");
        requireNonNull(clock, "clock is null");
        SessionTokenKeyRing ring = new SessionTokenKeyRing(store, ownerAccountId, clock, List.of());
        ring.reload();
        return ring;
    }

    /** Reads the ring from the store again, creating a new one if the store has none (after a wipe: every session ends). */
    public synchronized void reload()
    {
        keys = store.write(transaction -> {
            Optional<byte[]> stored = transaction.secret(ownerAccountId, SECRET_OWNER, SECRET_PURPOSE);
            if (stored.isPresent()) {
                return decode(stored.get());
            }
            List<Key> created = List.of(newKey(1));
            transaction.putSecret(ownerAccountId, SECRET_OWNER, SECRET_PURPOSE, encode(created));
            return created;
        });
    }

    public Key current()
    {
        List<Key> snapshot = keys;
        return snapshot.get(snapshot.size() - 1);
    }

    public Optional<Key> key(int id)
    {
        for (Key key : keys) {
            if (key.id() == id) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Adds a new current key and drops keys whose tokens have all expired. */
    public synchronized void rotate()
    {
        Instant now = clock.instant();
        List<Key> next = new ArrayList<>();
        List<Key> snapshot = keys;
        for (int index = 0; index < snapshot.size(); index++) {
            Key key = snapshot.get(index);
            // A key sealed tokens until its successor arrived; once that is longer ago than the retention, none is alive.
            Instant retiredAt = index + 1 < snapshot.size() ? snapshot.get(index + 1).createdAt() : now;
            if (retiredAt.plus(RETENTION).isAfter(now)) {
                next.add(key);
            }
        }
        int nextId = snapshot.stream().mapToInt(Key::id).max().orElse(0) + 1;
        next.add(newKey(nextId));
        next.sort(Comparator.comparingInt(Key::id));
        List<Key> rotated = List.copyOf(next);
        store.write(transaction -> {
            transaction.putSecret(ownerAccountId, SECRET_OWNER, SECRET_PURPOSE, encode(rotated));
            return null;
        });
        keys = rotated;
    }

    public List<Key> keys()
    {
        return keys;
    }

    private Key newKey(int id)
    {
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        return new Key(id, clock.instant(), new SecretKeySpec(material, "AES"));
    }

    private static byte[] encode(List<Key> keys)
    {
        ByteBuffer buffer = ByteBuffer.allocate(4 + keys.size() * (4 + 8 + KEY_BYTES));
        buffer.putInt(keys.size());
        for (Key key : keys) {
            buffer.putInt(key.id()).putLong(key.createdAt().getEpochSecond()).put(key.secretKey().getEncoded());
        }
        return buffer.array();
    }

    private static List<Key> decode(byte[] stored)
    {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        int count = buffer.getInt();
        List<Key> keys = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            int id = buffer.getInt();
            Instant createdAt = Instant.ofEpochSecond(buffer.getLong());
            byte[] material = new byte[KEY_BYTES];
            buffer.get(material);
            keys.add(new Key(id, createdAt, new SecretKeySpec(material, "AES")));
        }
        return List.copyOf(keys);
    }
}
