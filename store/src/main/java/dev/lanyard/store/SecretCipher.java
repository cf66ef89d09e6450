package dev.lanyard.store;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import static java.util.Objects.requireNonNull;

/**
 * Encrypts secrets at rest with AES-256-GCM. A ciphertext is {@code version (1 byte) | nonce (12 bytes) |
 * encrypted data | tag (16 bytes)}. The version byte names the key that encrypted it, so a later key rotation can
 * read old rows while writing new ones. The associated data is authenticated but not stored: callers pass what
 * identifies the row (for example the access key id), so a ciphertext copied into another row fails to decrypt.
 * Thread-safe.
 */
public final class SecretCipher
{
    public static final byte VERSION = 1;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int OVERHEAD_BYTES = 1 + NONCE_BYTES + TAG_BITS / 8;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(MasterKey masterKey)
    {
        requireNonNull(masterKey, "masterKey is null");
        this.key = new SecretKeySpec(masterKey.bytes(), "AES");
    }

    public byte[] encrypt(byte[] plaintext, byte[] associatedData)
    {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(associatedData, "associatedData is null");
        // random 96-bit nonces: the collision bound (2^-32 after 2^32 encryptions under one key) is far beyond the
        // number of secrets an IAM server stores
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(versioned(associatedData));
            byte[] encrypted = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + encrypted.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(encrypted)
                    .array();
        }
        catch (GeneralSecurityException e) {
            throw new StoreException("cannot encrypt secret: " + e.getMessage(), e);
        }
    }

    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
    {
        requireNonNull(ciphertext, "ciphertext is null");
        requireNonNull(associatedData, "associatedData is null");
        if (ciphertext.length < OVERHEAD_BYTES) {
            throw new StoreException("secret ciphertext is too short: " + ciphertext.length + " bytes");
        }
        if (ciphertext[0] != VERSION) {
            throw new StoreException("secret ciphertext has unknown key version " + Byte.toUnsignedInt(ciphertext[0]));
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
            cipher.updateAAD(versioned(associatedData));
            return cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES);
        }
        catch (AEADBadTagException e) {
            throw new StoreException("secret failed authentication: it was altered, moved from another row, or encrypted under a different master key", e);
        }
        catch (GeneralSecurityException e) {
            throw new StoreException("cannot decrypt secret: " + e.getMessage(), e);
        }
    }

    // the version byte is authenticated too, so changing it cannot make a ciphertext decrypt under another key's rules
    private static byte[] versioned(byte[] associatedData)
    {
        return ByteBuffer.allocate(1 + associatedData.length).put(VERSION).put(associatedData).array();
    }

    /**
     * Associated data from several parts, each prefixed with its length so that no two different lists encode the
     * same bytes (("ab", "c") and ("a", "bc") differ).
     */
    public static byte[] associatedData(String... parts)
    {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            output.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            output.writeBytes(bytes);
        }
        return output.toByteArray();
    }

    @Override
    public String toString()
    {
        return "SecretCipher[AES-256-GCM, version=" + VERSION + "]";
    }
}
