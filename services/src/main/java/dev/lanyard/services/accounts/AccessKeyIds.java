package dev.lanyard.services.accounts;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Access key ids that carry their account, as AWS's do: after the four-letter prefix, 16 base32 characters encode 80 bits
 * whose first 48 hold the account id shifted left by 7 (the rest random). So GetAccessKeyInfo answers for any key, even a
 * temporary one this node never stored, and for keys of other accounts, as AWS does.
 */
public final class AccessKeyIds
{
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final long ACCOUNT_MASK = 0x7FFFFFFFFF80L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessKeyIds() {}

    public static String newId(String prefix, String accountId)
    {
        long account = Long.parseLong(accountId);
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        long head = (account << 7) | (bytes[5] & 0x7F);
        for (int index = 0; index < 6; index++) {
            bytes[index] = (byte) (head >>> (8 * (5 - index)));
        }
        return prefix + base32(bytes);
    }

    /** The account a key id names, or empty when it is not such an id. */
    public static Optional<String> accountOf(String accessKeyId)
    {
        if (accessKeyId.length() != 20) {
            return Optional.empty();
        }
        long head = 0;
        int bits = 0;
        long value = 0;
        int produced = 0;
        for (int index = 4; index < 20 && produced < 6; index++) {
            int digit = decode(accessKeyId.charAt(index));
            if (digit < 0) {
                return Optional.empty();
            }
            value = (value << 5) | digit;
            bits += 5;
            while (bits >= 8 && produced < 6) {
                bits -= 8;
                head = (head << 8) | ((value >>> bits) & 0xFF);
                produced++;
            }
        }
        return Optional.of(String.format("%012d", (head & ACCOUNT_MASK) >>> 7));
    }

    private static int decode(char character)
    {
        if (character >= 'A' && character <= 'Z') {
            return character - 'A';
        }
        if (character >= '2' && character <= '7') {
            return character - '2' + 26;
        }
        return -1;
    }

    private static String base32(byte[] bytes)
    {
        StringBuilder text = new StringBuilder(16);
        int buffer = 0;
        int bits = 0;
        for (byte value : bytes) {
            buffer = (buffer << 8) | (value & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                text.append(BASE32[(buffer >>> bits) & 0x1F]);
            }
        }
        return text.toString();
    }
}
