package dev.lanyard.services.sts;

import dev.lanyard.services.TestingClock;
import dev.lanyard.store.Account;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTokenCodecTest
{
    private static final String ACCOUNT_ID = "123456789012";

    @TempDir
    Path dataDirectory;

    private Store store;
    private TestingClock clock;

    @BeforeEach
    void setUp()
    {
        store = SqliteStore.open(dataDirectory, new SecretCipher(MasterKey.random()));
        store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT_ID, Instant.EPOCH, true));
            return null;
        });
        clock = new TestingClock(Instant.parse("2026-11-23T12:00:00Z"));
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    private static SessionClaims claims()
    {
        return new SessionClaims("ASIAEXAMPLEEXAMPLE01", "temporarySecret/with+characters", ACCOUNT_ID, SessionClaims.SessionKind.ASSUMED_ROLE,
                "arn:aws:sts::123456789012:assumed-role/admin/alice", "AROAEXAMPLEEXAMPLE01:alice", "AROAEXAMPLEEXAMPLE01", "alice",
                Instant.parse("2026-11-23T12:00:00Z"), Instant.parse("2026-11-23T13:00:00Z"), Optional.of(Instant.parse("2026-11-23T11:59:00Z")),
                Optional.of("alice@example.com"), Optional.of("{\"Version\":\"2012-10-17\",\"Statement\":[]}"), List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                Map.of("team", "platform", "Ünïcode", "välue"), Set.of("team"), true);
    }

    @Test
    void roundTripsEveryClaim()
    {
        SessionTokenCodec codec = new SessionTokenCodec(SessionTokenKeyRing.load(store, ACCOUNT_ID, clock));
        SessionClaims claims = claims();
        assertThat(codec.decode(codec.encode(claims))).contains(claims);
    }

    @Test
    void everySingleBitFlipIsRefused()
    {
        SessionTokenCodec codec = new SessionTokenCodec(SessionTokenKeyRing.load(store, ACCOUNT_ID, clock));
        byte[] token = Base64.getDecoder().decode(codec.encode(claims()));
        for (int bit = 0; bit < token.length * 8; bit++) {
            byte[] flipped = token.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(codec.decode(Base64.getEncoder().encodeToString(flipped))).as("bit %d", bit).isEmpty();
        }
        assertThat(codec.decode(Base64.getEncoder().encodeToString(token))).isPresent();
    }

    @Test
    void garbageIsRefusedWithoutFailing()
    {
        SessionTokenCodec codec = new SessionTokenCodec(SessionTokenKeyRing.load(store, ACCOUNT_ID, clock));
        assertThat(codec.decode("")).isEmpty();
        assertThat(codec.decode("not base64 at all!")).isEmpty();
        assertThat(codec.decode(Base64.getEncoder().encodeToString(new byte[40]))).isEmpty();
        assertThat(codec.decode("A".repeat(20_000))).isEmpty();
    }

    @Test
    void rotationKeepsLiveTokensAndTheRingSurvivesReopening()
    {
        SessionTokenKeyRing ring = SessionTokenKeyRing.load(store, ACCOUNT_ID, clock);
        SessionTokenCodec codec = new SessionTokenCodec(ring);
        String beforeRotation = codec.encode(claims());
        ring.rotate();
        String afterRotation = codec.encode(claims());
        assertThat(codec.decode(beforeRotation)).isPresent();
        assertThat(codec.decode(afterRotation)).isPresent();

        SessionTokenCodec reloaded = new SessionTokenCodec(SessionTokenKeyRing.load(store, ACCOUNT_ID, clock));
        assertThat(reloaded.decode(beforeRotation)).isPresent();
        assertThat(reloaded.decode(afterRotation)).isPresent();

        // Once the retention has passed since the first key was retired, the next rotation drops it.
        clock.advance(SessionTokenKeyRing.RETENTION.plus(Duration.ofMinutes(1)));
        ring.rotate();
        assertThat(codec.decode(beforeRotation)).isEmpty();
        assertThat(codec.decode(afterRotation)).isPresent();
    }

    @Test
    void anOpenedTokenIsRefusedOnceTheRingIsRecreatedWithTheSameKeyId()
    {
        SessionTokenKeyRing ring = SessionTokenKeyRing.load(store, ACCOUNT_ID, clock);
        SessionTokenCodec codec = new SessionTokenCodec(ring);
        String token = codec.encode(claims());
        assertThat(codec.decode(token)).contains(claims());
        assertThat(codec.decode(token)).contains(claims());

        // A reset wipes the ring; the new ring's first key has the same id 1 but other material.
        store.wipe();
        store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT_ID, Instant.EPOCH, true));
            return null;
        });
        ring.reload();
        assertThat(ring.current().id()).isEqualTo(1);
        assertThat(codec.decode(token)).isEmpty();
    }

    @Test
    void anotherRingCannotOpenTheToken()
            throws Exception
    {
        String token = new SessionTokenCodec(SessionTokenKeyRing.load(store, ACCOUNT_ID, clock)).encode(claims());
        try (Store other = SqliteStore.open(dataDirectory.resolve("other"), new SecretCipher(MasterKey.random()))) {
            other.write(transaction -> {
                transaction.insertAccount(new Account(ACCOUNT_ID, Instant.EPOCH, true));
                return null;
            });
            assertThat(new SessionTokenCodec(SessionTokenKeyRing.load(other, ACCOUNT_ID, clock)).decode(token)).isEmpty();
        }
    }
}
