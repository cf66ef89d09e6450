package dev.lanyard.services.iam;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** RFC 4648 base32 without padding, the form authenticator apps read a TOTP seed in. */
public final class MfaBase32
{
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private MfaBase32() {}

    public static String encode(byte[] data)
    {
        StringBuilder text = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte value : data) {
            buffer = (buffer << 8) | (value & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return text.toString();
    }

    /** Decodes, ignoring padding and case; throws IllegalArgumentException for characters outside the alphabet. */
    public static byte[] decode(String text)
    {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char character : text.toUpperCase(Locale.ROOT).toCharArray()) {
            if (character == '=') {
                continue;
            }
            int value = ALPHABET.indexOf(character);
            if (value < 0) {
                throw new IllegalArgumentException("Not a base32 character: " + character);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                data.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return data.toByteArray();
    }
}
