package dev.lanyard.services.sts;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Session tokens: the claims, serialized compactly and sealed with AES-256-GCM under a key of the ring.
 * Layout (then base64): version (1) | key id (4) | nonce (12) | ciphertext | tag (16). The version and key id are
 * authenticated as associated data, so no byte of a token can change without the token being refused.
 */
public final class SessionTokenCodec
{
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + 4;
    // Anything shorter cannot hold a header, a nonce and a tag; anything this long is not one of ours.
    private static final int MAXIMUM_TOKEN_CHARACTERS = 16 * 1024;

    // Every request signed with temporary credentials carries its token: opening it (base64, AES-GCM, parsing) costs
    // more than the rest of authentication, so tokens already opened are kept, each with the key that opened it.
    private static final int MAXIMUM_OPENED_TOKENS = 4096;

    private final SessionTokenKeyRing keyRing;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, OpenedToken> opened = new ConcurrentHashMap<>();

    public SessionTokenCodec(SessionTokenKeyRing keyRing)
    {
        this.keyRing = requireNonNull(keyRing, "keyRing is null");
    }

    public String encode(SessionClaims claims)
    {
        SessionTokenKeyRing.Key key = keyRing.current();
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(VERSION).putInt(key.id()).array();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(serialize(claims));
            byte[] token = ByteBuffer.allocate(header.length + nonce.length + sealed.length).put(header).put(nonce).put(sealed).array();
            return Base64.getEncoder().encodeToString(token);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The claims of a token this server issued, or empty for anything else: malformed, tampered, or sealed with an unknown key. */
    public Optional<SessionClaims> decode(String token)
    {
        OpenedToken known = opened.get(token);
        // Served only while the ring still holds that very key: a dropped key, or a ring reloaded after a reset, opens again.
        if (known != null && keyRing.key(known.key().id()).filter(key -> key == known.key()).isPresent()) {
            return Optional.of(known.claims());
        }
        Optional<OpenedToken> fresh = open(token);
        fresh.ifPresent(openedToken -> {
            if (opened.size() >= MAXIMUM_OPENED_TOKENS) {
                opened.clear();
            }
            opened.put(token, openedToken);
        });
        return fresh.map(OpenedToken::claims);
    }

    private Optional<OpenedToken> open(String token)
    {
        if (token.length() > MAXIMUM_TOKEN_CHARACTERS) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token);
        }
        catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            return Optional.empty();
        }
        int keyId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        Optional<SessionTokenKeyRing.Key> key = keyRing.key(keyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get().secretKey(), new GCMParameterSpec(TAG_BITS, bytes, HEADER_BYTES, NONCE_BYTES));
            cipher.updateAAD(bytes, 0, HEADER_BYTES);
            byte[] plaintext = cipher.doFinal(bytes, HEADER_BYTES + NONCE_BYTES, bytes.length - HEADER_BYTES - NONCE_BYTES);
            return Optional.of(new OpenedToken(key.get(), deserialize(plaintext)));
        }
        catch (javax.crypto.AEADBadTagException tampered) {
            return Optional.empty();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
        catch (IOException | RuntimeException unreadable) {
            // Authenticated but unreadable cannot happen for tokens we sealed; refuse rather than fail.
            return Optional.empty();
        }
    }

    private static byte[] serialize(SessionClaims claims)
    {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(claims.accessKeyId());
            out.writeUTF(claims.secretAccessKey());
            out.writeUTF(claims.accountId());
            out.writeByte(claims.kind().ordinal());
            out.writeUTF(claims.principalArn());
            out.writeUTF(claims.principalId());
            out.writeUTF(claims.sourcePrincipalId());
            out.writeUTF(claims.sessionName());
            out.writeLong(claims.issuedAt().getEpochSecond());
            out.writeLong(claims.expiresAt().getEpochSecond());
            writeOptionalInstant(out, claims.mfaAuthenticatedAt());
            writeOptionalString(out, claims.sourceIdentity());
            writeOptionalString(out, claims.sessionPolicy());
            writeStrings(out, claims.policyArns());
            out.writeShort(claims.tags().size());
            for (Map.Entry<String, String> tag : claims.tags().entrySet()) {
                out.writeUTF(tag.getKey());
                out.writeUTF(tag.getValue());
            }
            writeStrings(out, List.copyOf(claims.transitiveTagKeys()));
            out.writeBoolean(claims.chained());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static SessionClaims deserialize(byte[] plaintext)
            throws IOException
    {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext));
        String accessKeyId = in.readUTF();
        String secretAccessKey = in.readUTF();
        String accountId = in.readUTF();
        SessionClaims.SessionKind kind = SessionClaims.SessionKind.values()[in.readByte()];
        String principalArn = in.readUTF();
        String principalId = in.readUTF();
        String sourcePrincipalId = in.readUTF();
        String sessionName = in.readUTF();
        Instant issuedAt = Instant.ofEpochSecond(in.readLong());
        Instant expiresAt = Instant.ofEpochSecond(in.readLong());
        Optional<Instant> mfaAuthenticatedAt = readOptionalInstant(in);
        Optional<String> sourceIdentity = readOptionalString(in);
        Optional<String> sessionPolicy = readOptionalString(in);
        List<String> policyArns = readStrings(in);
        int tagCount = in.readUnsignedShort();
        Map<String, String> tags = new LinkedHashMap<>();
        for (int index = 0; index < tagCount; index++) {
            tags.put(in.readUTF(), in.readUTF());
        }
        Set<String> transitiveTagKeys = new LinkedHashSet<>(readStrings(in));
        boolean chained = in.readBoolean();
        return new SessionClaims(accessKeyId, secretAccessKey, accountId, kind, principalArn, principalId, sourcePrincipalId, sessionName,
                issuedAt, expiresAt, mfaAuthenticatedAt, sourceIdentity, sessionPolicy, policyArns, tags, transitiveTagKeys, chained);
    }

    private static void writeOptionalInstant(DataOutputStream out, Optional<Instant> value)
            throws IOException
    {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeLong(value.get().getEpochSecond());
        }
    }

    private static Optional<Instant> readOptionalInstant(DataInputStream in)
            throws IOException
    {
        return in.readBoolean() ? Optional.of(Instant.ofEpochSecond(in.readLong())) : Optional.empty();
    }

    private static void writeOptionalString(DataOutputStream out, Optional<String> value)
            throws IOException
    {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    private static Optional<String> readOptionalString(DataInputStream in)
            throws IOException
    {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    private static void writeStrings(DataOutputStream out, List<String> values)
            throws IOException
    {
        out.writeShort(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> readStrings(DataInputStream in)
            throws IOException
    {
        int count = in.readUnsignedShort();
        List<String> values = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            values.add(in.readUTF());
        }
        return values;
    }

    private record OpenedToken(SessionTokenKeyRing.Key key, SessionClaims claims) {}
}
