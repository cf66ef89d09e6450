package dev.lanyard.services.sts;

import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.Store;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The per-account keys that sign GetWebIdentityToken's JWTs: one RSA-2048 key (RS256) and one P-384 key (ES384), each
 * made on first use and kept in the store as an encrypted secret of the account (so they survive restarts and are shared
 * by every node). The public halves are published as a JWKS by the server's /_lanyard/oidc/{account}/jwks.json.
 *
 * <p>A secret holds "kid\nbase64(PKCS#8 private key)\nbase64(X.509 public key)": the public key is kept beside the
 * private one because the JDK cannot derive an EC public point from a private scalar.
 */
public final class OutboundTokenKeys
{
    static final String SECRET_OWNER = "lanyard:outbound-web-identity-keys";
    private static final int KEY_ID_BYTES = 16;

    private final Store store;
    private final SecureRandom random = new SecureRandom();

    /** A signing algorithm GetWebIdentityToken offers, with what makes and uses its keys. */
    public enum Algorithm
    {
        RS256("RSA", "SHA256withRSA", "RSA"),
        ES384("EC", "SHA384withECDSAinP1363Format", "EC");

        private final String keyAlgorithm;
        private final String signatureAlgorithm;
        private final String jwkKeyType;

        Algorithm(String keyAlgorithm, String signatureAlgorithm, String jwkKeyType)
        {
            this.keyAlgorithm = keyAlgorithm;
            this.signatureAlgorithm = signatureAlgorithm;
            this.jwkKeyType = jwkKeyType;
        }

        public String signatureAlgorithm()
        {
            return signatureAlgorithm;
        }
    }

    /** One signing key of an account. */
    public record SigningKey(String keyId, Algorithm algorithm, PrivateKey privateKey, PublicKey publicKey)
    {
        public SigningKey
        {
            requireNonNull(keyId, "keyId is null");
            requireNonNull(algorithm, "algorithm is null");
            requireNonNull(privateKey, "privateKey is null");
            requireNonNull(publicKey, "publicKey is null");
        }

        /** The JWS signature of the input: PKCS#1 v1.5 for RS256, the raw R||S pair for ES384 (RFC 7518). */
        public byte[] sign(byte[] signingInput)
        {
            try {
                Signature signature = Signature.getInstance(algorithm.signatureAlgorithm);
                signature.initSign(privateKey);
                signature.update(signingInput);
                return signature.sign();
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot sign with " + algorithm, e);
            }
        }

        @Override
        public String toString()
        {
            return "SigningKey[keyId=" + keyId + ", algorithm=" + algorithm + "]";
        }
    }

    public OutboundTokenKeys(Store store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    /** The account's key for the algorithm, made and stored on first use. */
    public SigningKey signingKey(String accountId, Algorithm algorithm)
    {
        Optional<SigningKey> existing = store.read(transaction -> read(transaction, accountId, algorithm));
        if (existing.isPresent()) {
            return existing.get();
        }
        // Made outside the transaction (RSA generation takes a while); the write re-checks, so concurrent first uses agree.
        SigningKey created = generate(algorithm);
        return store.write(transaction -> {
            Optional<SigningKey> raced = read(transaction, accountId, algorithm);
            if (raced.isPresent()) {
                return raced.get();
            }
            transaction.putSecret(accountId, SECRET_OWNER, algorithm.name(), encode(created));
            return created;
        });
    }

    /** The account's public keys as a JWKS document (RFC 7517); empty while no token has been signed. */
    public Map<String, Object> jwks(String accountId)
    {
        List<Map<String, Object>> keys = new ArrayList<>();
        store.read(transaction -> {
            for (Algorithm algorithm : Algorithm.values()) {
                read(transaction, accountId, algorithm).ifPresent(key -> keys.add(jwk(key)));
            }
            return null;
        });
        return Map.of("keys", keys);
    }

    static Map<String, Object> jwk(SigningKey key)
    {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", key.algorithm().jwkKeyType);
        jwk.put("use", "sig");
        jwk.put("alg", key.algorithm().name());
        jwk.put("kid", key.keyId());
        switch (key.algorithm()) {
            case RS256 -> {
                RSAPublicKey rsa = (RSAPublicKey) key.publicKey();
                jwk.put("n", base64Url(unsigned(rsa.getModulus(), 0)));
                jwk.put("e", base64Url(unsigned(rsa.getPublicExponent(), 0)));
            }
            case ES384 -> {
                ECPublicKey ec = (ECPublicKey) key.publicKey();
                jwk.put("crv", "P-384");
                // Coordinates are padded to the field size (48 bytes), as RFC 7518 6.2.1.2 requires.
                jwk.put("x", base64Url(unsigned(ec.getW().getAffineX(), 48)));
                jwk.put("y", base64Url(unsigned(ec.getW().getAffineY(), 48)));
            }
        }
        return jwk;
    }

    private static Optional<SigningKey> read(ReadTransaction transaction, String accountId, Algorithm algorithm)
    {
        return transaction.secret(accountId, SECRET_OWNER, algorithm.name()).map(bytes -> decode(algorithm, bytes));
    }

    private SigningKey generate(Algorithm algorithm)
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyAlgorithm);
            switch (algorithm) {
                case RS256 -> generator.initialize(2048, random);
                case ES384 -> generator.initialize(new ECGenParameterSpec("secp384r1"), random);
            }
            KeyPair pair = generator.generateKeyPair();
            byte[] keyId = new byte[KEY_ID_BYTES];
            random.nextBytes(keyId);
            return new SigningKey(HexFormat.of().formatHex(keyId), algorithm, pair.getPrivate(), pair.getPublic());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a " + algorithm + " key", e);
        }
    }

    private static byte[] encode(SigningKey key)
    {
        Base64.Encoder base64 = Base64.getEncoder();
        return (key.keyId() + "\n" + base64.encodeToString(key.privateKey().getEncoded()) + "\n" + base64.encodeToString(key.publicKey().getEncoded()))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static SigningKey decode(Algorithm algorithm, byte[] stored)
    {
        String[] parts = new String(stored, StandardCharsets.US_ASCII).split("\n");
        if (parts.length != 3) {
            throw new IllegalStateException("A stored " + algorithm + " signing key is malformed");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm.keyAlgorithm);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[2])));
            return new SigningKey(parts[0], algorithm, privateKey, publicKey);
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored " + algorithm + " signing key cannot be read", e);
        }
    }

    /** Big-endian magnitude without the sign byte, left-padded with zeros to length (0: no padding). */
    private static byte[] unsigned(BigInteger value, int length)
    {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (bytes.length >= length) {
            return bytes;
        }
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
        return padded;
    }

    private static String base64Url(byte[] bytes)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
