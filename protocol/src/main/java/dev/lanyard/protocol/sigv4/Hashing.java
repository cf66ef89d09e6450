package dev.lanyard.protocol.sigv4;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 and HMAC-SHA256, reusing one instance per platform thread: a JCA lookup costs about 100 ns, a few percent of
 * a verification. A virtual thread (one per request, under Jetty with virtual threads) gets a fresh instance instead:
 * a thread-local there would be created and dropped with every request, costing the lookup plus the map.
 */
final class Hashing
{
    static final String HMAC_SHA256 = "HmacSHA256";
    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashing::newSha256);
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(Hashing::newHmac);

    private Hashing() {}

    static byte[] sha256(byte[] data)
    {
        MessageDigest digest = Thread.currentThread().isVirtual() ? newSha256() : SHA256.get();
        digest.reset();
        return digest.digest(data);
    }

    static String sha256Hex(byte[] data)
    {
        return hex(sha256(data));
    }

    static byte[] hmacSha256(byte[] key, String data)
    {
        return hmacSha256(new SecretKeySpec(key, HMAC_SHA256), data);
    }

    static byte[] hmacSha256(SecretKeySpec key, String data)
    {
        Mac mac = Thread.currentThread().isVirtual() ? newHmac() : HMAC.get();
        try {
            mac.init(key);
        }
        catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key of any length is valid", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static Mac newHmac()
    {
        try {
            return Mac.getInstance(HMAC_SHA256);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    static String hex(byte[] bytes)
    {
        char[] chars = new char[bytes.length * 2];
        for (int index = 0; index < bytes.length; index++) {
            int value = bytes[index] & 0xFF;
            chars[index * 2] = LOWER_HEX[value >>> 4];
            chars[index * 2 + 1] = LOWER_HEX[value & 0xF];
        }
        return new String(chars);
    }

    static boolean isLowerHexSha256(String value)
    {
        if (value.length() != 64) {
            return false;
        }
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (!((character >= '0' && character <= '9') || (character >= 'a' && character <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
