package dev.lanyard.services.sts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A JSON Web Token in the compact JWS serialization (header.payload.signature, each base64url without padding), parsed
 * but not yet verified: nothing read from it may be trusted before {@link JwsSignatures#verify} accepted its signature.
 *
 * @param signingInput the bytes the signature covers: the first two segments exactly as they came, with the dot
 */
record JsonWebToken(String algorithm, Optional<String> keyId, JsonNode claims, byte[] signingInput, byte[] signature)
{
    // JWTs are small; a bound keeps a hostile token from costing more than a parse of a few kilobytes per request.
    private static final int MAXIMUM_LENGTH = 20_000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    JsonWebToken
    {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(claims, "claims is null");
        requireNonNull(signingInput, "signingInput is null");
        requireNonNull(signature, "signature is null");
    }

    /** Parses a compact JWS; anything else (JWE, unsecured "none" tokens, bad encoding) is an InvalidIdentityToken. */
    static JsonWebToken parse(String token)
    {
        if (token.length() > MAXIMUM_LENGTH) {
            throw StsErrors.invalidIdentityToken("The web identity token is too long");
        }
        String[] segments = token.split("\\.", -1);
        if (segments.length != 3) {
            throw StsErrors.invalidIdentityToken("The web identity token is not a signed JWT (header.payload.signature)");
        }
        JsonNode header = json(segments[0]);
        JsonNode claims = json(segments[1]);
        if (!header.path("alg").isTextual()) {
            throw StsErrors.invalidIdentityToken("The web identity token has no signing algorithm");
        }
        Optional<String> keyId = header.path("kid").isTextual() ? Optional.of(header.get("kid").asText()) : Optional.empty();
        byte[] signingInput = (segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII);
        return new JsonWebToken(header.get("alg").asText(), keyId, claims, signingInput, decode(segments[2]));
    }

    Optional<String> issuer()
    {
        return text("iss");
    }

    Optional<String> subject()
    {
        return text("sub");
    }

    /** "aud" is a string or an array of strings (RFC 7519, 4.1.3). */
    List<String> audiences()
    {
        return strings("aud");
    }

    List<String> strings(String claim)
    {
        JsonNode value = claims.path(claim);
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(element -> {
                if (element.isTextual()) {
                    values.add(element.asText());
                }
            });
        }
        return values;
    }

    Optional<String> text(String claim)
    {
        JsonNode value = claims.path(claim);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** A NumericDate claim (seconds since the epoch, possibly fractional); a claim of another type is refused. */
    Optional<Instant> time(String claim)
    {
        JsonNode value = claims.path(claim);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw StsErrors.invalidIdentityToken("The web identity token's " + claim + " claim is not a number");
        }
        return Optional.of(Instant.ofEpochSecond(value.asLong()));
    }

    private static JsonNode json(String segment)
    {
        try {
            JsonNode node = JSON.readTree(decode(segment));
            if (node == null || !node.isObject()) {
                throw StsErrors.invalidIdentityToken("The web identity token is not a JWT: a segment is not a JSON object");
            }
            return node;
        }
        catch (JsonProcessingException e) {
            throw StsErrors.invalidIdentityToken("The web identity token is not a JWT: a segment is not valid JSON");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] decode(String segment)
    {
        try {
            return Base64.getUrlDecoder().decode(segment);
        }
        catch (IllegalArgumentException e) {
            throw StsErrors.invalidIdentityToken("The web identity token is not a JWT: a segment is not base64url");
        }
    }
}
