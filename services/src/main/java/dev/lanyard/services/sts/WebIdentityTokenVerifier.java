package dev.lanyard.services.sts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.services.iam.OidcProviders;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Store;

import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Verifies an OpenID Connect token for AssumeRoleWithWebIdentity: the issuer must be a provider registered in the role's
 * account, the signature must verify (RS256 or ES256) with a key of the issuer's JWKS, the token must be current, and
 * one of its audiences must be a client id of the provider. Nothing of the token is used before the signature verified.
 */
final class WebIdentityTokenVerifier
{
    // A token issued by a host whose clock runs slightly ahead is still accepted for nbf and iat; exp is exact, as AWS's message shows.
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

    private final Store store;
    private final IssuerKeys issuerKeys;

    WebIdentityTokenVerifier(Store store, IssuerKeys issuerKeys)
    {
        this.store = requireNonNull(store, "store is null");
        this.issuerKeys = requireNonNull(issuerKeys, "issuerKeys is null");
    }

    /**
     * @param providerName the provider's URL without scheme: the prefix of its condition keys ("host/path:sub")
     * @param audience the token audience that matched a client id of the provider
     */
    record VerifiedWebIdentity(String providerArn, String providerName, String issuer, String subject, String audience, List<String> authenticationMethods,
            Map<String, String> tags, List<String> transitiveTagKeys, Optional<String> sourceIdentity)
    {
        VerifiedWebIdentity
        {
            requireNonNull(providerArn, "providerArn is null");
            requireNonNull(providerName, "providerName is null");
            requireNonNull(issuer, "issuer is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(audience, "audience is null");
            authenticationMethods = List.copyOf(requireNonNull(authenticationMethods, "authenticationMethods is null"));
            tags = Map.copyOf(requireNonNull(tags, "tags is null"));
            transitiveTagKeys = List.copyOf(requireNonNull(transitiveTagKeys, "transitiveTagKeys is null"));
            requireNonNull(sourceIdentity, "sourceIdentity is null");
        }
    }

    VerifiedWebIdentity verify(String token, String accountId, Instant now)
    {
        JsonWebToken jwt = JsonWebToken.parse(token);
        if (!JwsSignatures.isSupported(jwt.algorithm())) {
            throw StsErrors.invalidIdentityToken("Unsupported token signing algorithm: " + jwt.algorithm());
        }
        String issuer = jwt.issuer().orElseThrow(() -> StsErrors.invalidIdentityToken("Missing a required claim: iss"));
        Entity provider = providerName(issuer)
                .flatMap(name -> store.read(transaction -> OidcProviders.byIssuer(transaction, accountId, name)))
                .orElseThrow(() -> StsErrors.invalidIdentityToken("No OpenIDConnect provider found in your account for " + issuer));
        OidcProviders.Body body = OidcProviders.body(provider);

        String fetchFrom = issuer.contains("://") ? issuer : "https://" + issuer;
        Optional<PublicKey> key = issuerKeys.keys(fetchFrom, false).find(jwt.keyId());
        if (key.isEmpty()) {
            // The issuer may have rotated its keys since we cached them.
            key = issuerKeys.keys(fetchFrom, true).find(jwt.keyId());
        }
        if (key.isEmpty()) {
            throw StsErrors.invalidIdentityToken(HttpIssuerKeys.RETRIEVAL_FAILED);
        }
        if (!JwsSignatures.verify(jwt.algorithm(), key.get(), jwt.signingInput(), jwt.signature())) {
            throw StsErrors.invalidIdentityToken("The web identity token's signature could not be verified");
        }

        Instant expiresAt = jwt.time("exp").orElseThrow(() -> StsErrors.invalidIdentityToken("Missing a required claim: exp"));
        if (!now.isBefore(expiresAt)) {
            // AWS's message, down to the missing space before the second number.
            throw StsErrors.expiredToken("Token expired: current date/time " + now.getEpochSecond() + " must be before the expiration date/time " + expiresAt.getEpochSecond());
        }
        Optional<Instant> notBefore = jwt.time("nbf");
        if (notBefore.isPresent() && notBefore.get().isAfter(now.plus(CLOCK_SKEW))) {
            throw StsErrors.invalidIdentityToken("Token is not valid before " + notBefore.get().getEpochSecond());
        }
        Optional<Instant> issuedAt = jwt.time("iat");
        if (issuedAt.isPresent() && issuedAt.get().isAfter(now.plus(CLOCK_SKEW))) {
            throw StsErrors.invalidIdentityToken("Token was issued in the future: " + issuedAt.get().getEpochSecond());
        }
        String audience = jwt.audiences().stream()
                .filter(body.clientIds()::contains)
                .findFirst()
                .orElseThrow(() -> StsErrors.invalidIdentityToken("Incorrect token audience"));
        String subject = jwt.subject().orElseThrow(() -> StsErrors.invalidIdentityToken("Missing a required claim: sub"));

        JsonNode tagsClaim = jwt.claims().path(TAGS_CLAIM);
        return new VerifiedWebIdentity(
                OidcProviders.arn(accountId, provider.name()),
                provider.name(),
                issuer,
                subject,
                audience,
                jwt.strings("amr"),
                principalTags(tagsClaim.path("principal_tags")),
                textValues(tagsClaim.path("transitive_tag_keys")),
                jwt.text(SOURCE_IDENTITY_CLAIM));
    }

    /**
     * The provider name (URL without scheme) an issuer stands for. Providers are registered with https:// URLs only;
     * an http issuer is accepted for a loopback host alone, where TLS adds nothing (tests, a local sidecar issuer).
     */
    static Optional<String> providerName(String issuer)
    {
        if (issuer.startsWith("https://")) {
            return Optional.of(issuer.substring("https://".length()));
        }
        if (issuer.startsWith("http://")) {
            try {
                return HttpIssuerKeys.isFetchable(URI.create(issuer)) ? Optional.of(issuer.substring("http://".length())) : Optional.empty();
            }
            catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        // Some issuers (accounts.google.com) put the host alone in "iss".
        return issuer.contains("://") ? Optional.empty() : Optional.of(issuer);
    }

    /** {"key": ["value"]} as AWS's tags claim has it (a single-element array, or a plain string). */
    private static Map<String, String> principalTags(JsonNode node)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                tags.put(entry.getKey(), value.asText());
            }
            else if (value.isArray() && value.size() == 1 && value.get(0).isTextual()) {
                tags.put(entry.getKey(), value.get(0).asText());
            }
            else {
                throw StsErrors.invalidIdentityToken("Invalid session tag in the token: " + entry.getKey());
            }
        });
        return tags;
    }

    private static List<String> textValues(JsonNode node)
    {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
