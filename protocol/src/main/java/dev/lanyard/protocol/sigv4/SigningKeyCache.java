package dev.lanyard.protocol.sigv4;

import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Derived SigV4 signing keys, kept because deriving one costs four HMACs and a key is valid for a whole day per
 * (secret, date, region, service). Bounded: when full it is emptied at once, which costs one derivation per active
 * key and needs no bookkeeping on the hit path (an LRU would add a lock or a queue to every request).
 */
final class SigningKeyCache
{
    private final int maximumSize;
    private final ConcurrentHashMap<Key, SecretKeySpec> keys = new ConcurrentHashMap<>();

    SigningKeyCache(int maximumSize)
    {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be positive");
        }
        this.maximumSize = maximumSize;
    }

    SecretKeySpec signingKey(String secretAccessKey, CredentialScope scope)
    {
        Key key = new Key(secretAccessKey, scope.date(), scope.region(), scope.service());
        SecretKeySpec cached = keys.get(key);
        if (cached != null) {
            return cached;
        }
        SecretKeySpec derived = derive(key);
        if (keys.size() >= maximumSize) {
            keys.clear();
        }
        keys.put(key, derived);
        return derived;
    }

    int size()
    {
        return keys.size();
    }

    static SecretKeySpec derive(String secretAccessKey, CredentialScope scope)
    {
        return derive(new Key(secretAccessKey, scope.date(), scope.region(), scope.service()));
    }

    private static SecretKeySpec derive(Key key)
    {
        byte[] dateKey = Hashing.hmacSha256(("AWS4" + key.secretAccessKey()).getBytes(StandardCharsets.UTF_8), key.date());
        byte[] regionKey = Hashing.hmacSha256(dateKey, key.region());
        byte[] serviceKey = Hashing.hmacSha256(regionKey, key.service());
        byte[] signingKey = Hashing.hmacSha256(serviceKey, CredentialScope.TERMINATOR);
        return new SecretKeySpec(signingKey, Hashing.HMAC_SHA256);
    }

    private record Key(String secretAccessKey, String date, String region, String service)
    {
        Key
        {
            requireNonNull(secretAccessKey, "secretAccessKey is null");
            requireNonNull(date, "date is null");
            requireNonNull(region, "region is null");
            requireNonNull(service, "service is null");
        }

        @Override
        public String toString()
        {
            // Never print the secret.
            return "Key[" + date + "/" + region + "/" + service + "]";
        }
    }
}
