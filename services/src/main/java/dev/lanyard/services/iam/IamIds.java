package dev.lanyard.services.iam;

import java.security.SecureRandom;

/**
 * IAM unique ids: a four-letter prefix naming the kind and 17 characters of [A-Z2-7], 21 in all, as AWS makes them
 * ("AROA3XFRBF535PLBIFPI4").
 */
public final class IamIds
{
    public static final String ROLE = "AROA";
    public static final String USER = "AIDA";
    public static final String GROUP = "AGPA";
    public static final String MANAGED_POLICY = "ANPA";
    public static final String INSTANCE_PROFILE = "AIPA";
    public static final String SERVER_CERTIFICATE = "ASCA";
    public static final String ACCESS_KEY = "AKIA";
    public static final String SSH_PUBLIC_KEY = "APKA";
    public static final String SERVICE_SPECIFIC_CREDENTIAL = "ACCA";
    public static final String SESSION_ACCESS_KEY = "ASIA";

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private IamIds() {}

    public static String newId(String prefix)
    {
        return prefix + random(17);
    }

    /** Upper-case letters and digits, for ids without a prefix (signing certificate ids are 32 such characters). */
    public static String random(int length)
    {
        char[] characters = new char[length];
        for (int index = 0; index < length; index++) {
            characters[index] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(characters);
    }
}
