package dev.lanyard.services.accounts;

import java.security.SecureRandom;

/** Access key ids and secrets in AWS's formats: "AKIA" + 16 base32 characters, and 40 characters of base64's alphabet. */
public final class AccessKeyGenerator
{
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SecureRandom random = new SecureRandom();

    public String newAccessKeyId(String prefix)
    {
        return prefix + randomString(BASE32, 16);
    }

    public String newSecretAccessKey()
    {
        return randomString(SECRET_ALPHABET, 40);
    }

    private String randomString(char[] alphabet, int length)
    {
        char[] characters = new char[length];
        for (int index = 0; index < length; index++) {
            characters[index] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(characters);
    }
}
