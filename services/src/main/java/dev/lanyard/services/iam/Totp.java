package dev.lanyard.services.iam;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * RFC 6238 time-based one-time passwords as virtual MFA devices (and AWS) use them: HMAC-SHA1, 30-second steps from the
 * Unix epoch, 6 digits. STS verifies MFA codes with this class too.
 */
public final class Totp
{
    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;

    private Totp() {}

    /** The time step (RFC 6238's T) that contains {@code time}. */
    public static long step(Instant time)
    {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    public static String generate(byte[] key, Instant time)
    {
        return generateForStep(key, step(time));
    }

    public static String generateForStep(byte[] key, long step)
    {
        requireNonNull(key, "key is null");
        byte[] counter = new byte[8];
        for (int index = 7; index >= 0; index--) {
            counter[index] = (byte) (step >>> (8 * (7 - index)));
        }
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(counter);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
        // RFC 4226 dynamic truncation
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        int code = binary % 1_000_000;
        return String.format("%06d", code);
    }

    /**
     * The step in {@code [step(time) - window, step(time) + window]} whose code equals {@code code}, or empty. The
     * comparison takes the same time whether or not a code matches, so timing tells nothing about the right code.
     */
    public static OptionalLong verify(byte[] key, String code, Instant time, int window)
    {
        requireNonNull(code, "code is null");
        long current = step(time);
        long matched = Long.MIN_VALUE;
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = current - window; step <= current + window; step++) {
            byte[] expected = generateForStep(key, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && matched == Long.MIN_VALUE) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }
}
