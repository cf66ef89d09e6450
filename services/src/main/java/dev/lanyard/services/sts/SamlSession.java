package dev.lanyard.services.sts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** What AWS's SAML attributes ask of the session: the role and provider pair, session name and duration, tags, source identity. */
record SamlSession(String roleSessionName, Optional<Duration> sessionDuration, Map<String, String> tags, List<String> transitiveTagKeys, Optional<String> sourceIdentity)
{
    private static final Pattern ROLE_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final int MINIMUM_SESSION_SECONDS = 900;
    private static final int MAXIMUM_SESSION_SECONDS = 43_200;

    SamlSession
    {
        requireNonNull(roleSessionName, "roleSessionName is null");
        requireNonNull(sessionDuration, "sessionDuration is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        transitiveTagKeys = List.copyOf(requireNonNull(transitiveTagKeys, "transitiveTagKeys is null"));
        requireNonNull(sourceIdentity, "sourceIdentity is null");
    }

    static SamlSession of(SamlAssertionVerifier.VerifiedAssertion assertion, String roleArn, String providerArn)
    {
        // Each Role value is "roleArn,providerArn" (either order, as AWS accepts both).
        boolean named = assertion.attribute(SamlAssertionVerifier.ROLE_ATTRIBUTE).stream()
                .map(value -> value.split(",", -1))
                .anyMatch(pair -> pair.length == 2 && ((pair[0].strip().equals(roleArn) && pair[1].strip().equals(providerArn))
                        || (pair[1].strip().equals(roleArn) && pair[0].strip().equals(providerArn))));
        if (!named) {
            throw FederatedTrust.notAuthorized("sts:AssumeRoleWithSAML");
        }
        String sessionName = assertion.singleAttribute(SamlAssertionVerifier.ROLE_SESSION_NAME_ATTRIBUTE)
                .orElseThrow(() -> StsErrors.invalidIdentityToken("RoleSessionName is required in AuthnResponse"));
        if (!ROLE_SESSION_NAME.matcher(sessionName).matches()) {
            throw StsErrors.invalidIdentityToken("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
        }
        Optional<Duration> duration = assertion.singleAttribute(SamlAssertionVerifier.SESSION_DURATION_ATTRIBUTE).map(SamlSession::sessionDuration);
        Map<String, String> tags = new LinkedHashMap<>();
        assertion.attributes().forEach((name, values) -> {
            if (name.startsWith(SamlAssertionVerifier.PRINCIPAL_TAG_ATTRIBUTE) && !values.isEmpty()) {
                tags.put(name.substring(SamlAssertionVerifier.PRINCIPAL_TAG_ATTRIBUTE.length()), values.getFirst());
            }
        });
        return new SamlSession(sessionName, duration, tags, assertion.attribute(SamlAssertionVerifier.TRANSITIVE_TAG_KEYS_ATTRIBUTE),
                assertion.singleAttribute(SamlAssertionVerifier.SOURCE_IDENTITY_ATTRIBUTE));
    }

    /** AWS's saml:namequalifier: Base64(SHA-1(issuer + account id + "/" + provider name)). */
    static String nameQualifier(String issuer, String accountId, String providerArn)
    {
        String providerName = providerArn.substring(providerArn.lastIndexOf('/') + 1);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((issuer + accountId + "/" + providerName).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    private static Duration sessionDuration(String seconds)
    {
        try {
            int value = Integer.parseInt(seconds.strip());
            if (value < MINIMUM_SESSION_SECONDS || value > MAXIMUM_SESSION_SECONDS) {
                throw StsErrors.invalidIdentityToken("SessionDuration in the SAML assertion must be between 900 and 43200 seconds");
            }
            return Duration.ofSeconds(value);
        }
        catch (NumberFormatException e) {
            throw StsErrors.invalidIdentityToken("SessionDuration in the SAML assertion is not a number");
        }
    }
}
