package dev.lanyard.services.ec2;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * EC2 resource ids: a prefix naming the resource type and 17 lower-case hex digits, as AWS makes them since the move to
 * long ids ("i-0abcdef1234567890"); the old 8-digit form is still accepted where a client names an existing resource.
 */
final class Ec2Ids
{
    static final String INSTANCE = "i-";
    static final String RESERVATION = "r-";
    static final String ASSOCIATION = "iip-assoc-";

    private static final Pattern IMAGE_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern INSTANCE_ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ec2Ids() {}

    static String newId(String prefix)
    {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        // 18 hex digits drawn, 17 kept: ids have an odd length.
        return prefix + HexFormat.of().formatHex(bytes).substring(1);
    }

    static boolean isImageId(String value)
    {
        return IMAGE_ID.matcher(value).matches();
    }

    static boolean isInstanceId(String value)
    {
        return INSTANCE_ID.matcher(value).matches();
    }
}
