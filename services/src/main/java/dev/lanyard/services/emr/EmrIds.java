package dev.lanyard.services.emr;

import java.security.SecureRandom;

/** EMR's ids: a prefix and 13 upper-case letters and digits (j- clusters, ig- instance groups, ci- instances). */
final class EmrIds
{
    static final String CLUSTER = "j-";
    static final String INSTANCE_GROUP = "ig-";
    static final String INSTANCE = "ci-";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmrIds() {}

    static String newId(String prefix)
    {
        StringBuilder id = new StringBuilder(prefix);
        for (int index = 0; index < 13; index++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
