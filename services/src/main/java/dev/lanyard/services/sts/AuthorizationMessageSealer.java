package dev.lanyard.services.sts;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Seals the details of a denied EC2 request into the opaque "encoded authorization failure message" that only
 * sts:DecodeAuthorizationMessage opens: AES-256-GCM, so a caller can neither read nor forge one.
 *
 * <p>The keys come from the session-token key ring (so they rotate, survive restarts and are replaced by a reset like
 * the token keys), but each is first derived with HMAC-SHA256 under a purpose label: a message and a session token are
 * never sealed under the same key. Layout before base64url: version byte, ring key id (int), 12-byte nonce, ciphertext.
 */
public final class AuthorizationMessageSealer
{
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] PURPOSE = "lanyard:encoded-authorization-message:v1".getBytes(StandardCharsets.US_ASCII);

    private final SessionTokenKeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public AuthorizationMessageSealer(SessionTokenKeyRing keys)
    {
        this.keys = requireNonNull(keys, "keys is null");
    }

    public String seal(String message)
    {
        requireNonNull(message, "message is null");
        SessionTokenKeyRing.Key key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] header = ByteBuffer.allocate(5).put(VERSION).putInt(key.id()).array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derive(key.secretKey()), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(message.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(header.length + nonce.length + sealed.length).put(header).put(nonce).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The message, or empty when the text is not one this server sealed (altered, truncated, or from before a reset). */
    public Optional<String> open(String encoded)
    {
        requireNonNull(encoded, "encoded is null");
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded.strip());
        }
        catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length < 5 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        Optional<SessionTokenKeyRing.Key> key = keys.key(buffer.getInt());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(key.get().secretKey()), new GCMParameterSpec(TAG_BITS, bytes, 5, NONCE_BYTES));
            cipher.updateAAD(bytes, 0, 5);
            byte[] plain = cipher.doFinal(bytes, 5 + NONCE_BYTES, bytes.length - 5 - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        }
        catch (AEADBadTagException forged) {
            return Optional.empty();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static SecretKey derive(SecretKey ringKey)
            throws GeneralSecurityException
    {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ringKey.getEncoded(), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(PURPOSE), "AES");
    }
}
