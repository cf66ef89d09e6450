package dev.lanyard.services.sts;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The signing keys of a JWK Set (RFC 7517): RSA keys (n, e) and EC P-256 keys (x, y). Keys of other types or curves,
 * and keys marked for encryption ("use": "enc"), are left out rather than failing the whole set: an issuer may publish
 * keys we do not use.
 */
record JsonWebKeys(List<JsonWebKeys.Key> keys)
{
    record Key(Optional<String> keyId, PublicKey publicKey)
    {
        Key
        {
            requireNonNull(keyId, "keyId is null");
            requireNonNull(publicKey, "publicKey is null");
        }
    }

    JsonWebKeys
    {
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
    }

    static JsonWebKeys parse(JsonNode document)
    {
        List<Key> keys = new ArrayList<>();
        for (JsonNode jwk : document.path("keys")) {
            if (jwk.path("use").asText("sig").equals("enc")) {
                continue;
            }
            Optional<String> keyId = jwk.path("kid").isTextual() ? Optional.of(jwk.get("kid").asText()) : Optional.empty();
            publicKey(jwk).ifPresent(key -> keys.add(new Key(keyId, key)));
        }
        return new JsonWebKeys(keys);
    }

    /**
     * The key a token names by its kid; a token without a kid is accepted only when the set has a single key, so
     * that the choice of key is never a guess.
     */
    Optional<PublicKey> find(Optional<String> keyId)
    {
        if (keyId.isEmpty()) {
            return keys.size() == 1 ? Optional.of(keys.getFirst().publicKey()) : Optional.empty();
        }
        return keys.stream().filter(key -> key.keyId().equals(keyId)).map(Key::publicKey).findFirst();
    }

    private static Optional<PublicKey> publicKey(JsonNode jwk)
    {
        try {
            switch (jwk.path("kty").asText()) {
                case "RSA" -> {
                    RSAPublicKeySpec spec = new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e"));
                    return Optional.of(KeyFactory.getInstance("RSA").generatePublic(spec));
                }
                case "EC" -> {
                    if (!jwk.path("crv").asText().equals("P-256")) {
                        return Optional.empty();
                    }
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec("secp256r1"));
                    ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
                    ECPoint point = new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y"));
                    // KeyFactory checks that the point is on the curve (an invalid-curve point is refused here).
                    return Optional.of(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve)));
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BigInteger unsigned(JsonNode jwk, String member)
    {
        if (!jwk.path(member).isTextual()) {
            throw new IllegalArgumentException("JWK member " + member + " is missing");
        }
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(member).asText()));
    }
}
