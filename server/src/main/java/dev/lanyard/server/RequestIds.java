package dev.lanyard.server;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids in AWS's UUID form. They need to be unique, not unpredictable, so no SecureRandom on the hot path. */
final class RequestIds
{
    private RequestIds() {}

    static String next()
    {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
