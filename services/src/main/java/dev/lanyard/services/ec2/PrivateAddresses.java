package dev.lanyard.services.ec2;

import java.security.SecureRandom;

/**
 * Private IPv4 addresses for new instances, drawn from 172.31.0.0/16 (the range of AWS's default VPCs). There is no
 * network behind them: an address only has to look like AWS's, so a repeat is harmless and not checked.
 */
final class PrivateAddresses
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateAddresses() {}

    static String next()
    {
        return "172.31." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
    }
}
