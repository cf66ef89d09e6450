package dev.lanyard.services.accounts;

import java.security.SecureRandom;

/** Access key ids and secrets in AWS's formats: a prefix and 16 base32 characters carrying the account, and 40 characters of base64's alphabet. */
public final class AccessKeyGenerator
{
    private static final char[] SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SecureRandom random = new SecureRandom();

    /** A key id of the account's, in AWS's format (see {@link AccessKeyIds}). */
    public String newAccessKeyId(String prefix, String accountId)
    {
        return AccessKeyIds.newId(prefix, accountId);
    }

    /** 240 random bits as 40 characters of base64's alphabet, drawn in one call: SecureRandom calls are serialized. */
    public String newSecretAccessKey()
    {
        byte[] bits = new byte[30];
        random.nextBytes(bits);
        return java.util.Base64.getEncoder().encodeToString(bits);
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
