package dev.lanyard.services.iam;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/** A salted PBKDF2-HMAC-SHA512 hash of a password; the iteration count is stored so it can be raised later. */
public record UserPasswordHash(String algorithm, int iterations, String salt, String hash)
{
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    // OWASP's 2023 recommendation for PBKDF2-HMAC-SHA512.
    private static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    public UserPasswordHash
    {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(salt, "salt is null");
        requireNonNull(hash, "hash is null");
    }

    public static UserPasswordHash of(String password)
    {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new UserPasswordHash(ALGORITHM, ITERATIONS, Base64.getEncoder().encodeToString(salt), derive(ALGORITHM, ITERATIONS, salt, password));
    }

    public boolean matches(String password)
    {
        String candidate = derive(algorithm, iterations, Base64.getDecoder().decode(salt), password);
        return MessageDigest.isEqual(candidate.getBytes(java.nio.charset.StandardCharsets.US_ASCII), hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static String derive(String algorithm, int iterations, byte[] salt, String password)
    {
        PBEKeySpec specification = new PBEKeySpec(password.toCharArray(), salt, iterations, 512);
        try {
            return Base64.getEncoder().encodeToString(SecretKeyFactory.getInstance(algorithm).generateSecret(specification).getEncoded());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is unavailable", e);
        }
        finally {
            specification.clearPassword();
        }
    }
}
