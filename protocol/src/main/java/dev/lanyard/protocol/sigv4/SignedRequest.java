package dev.lanyard.protocol.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a SigV4-signed request claims, read by {@link SigV4Parser} and not yet verified: who signed (access key id, scope),
 * what they signed (header names), when, and the signature itself. The server looks the secret up by
 * {@link #accessKeyId()} and then asks {@link SigV4Verifier} whether the claim holds.
 *
 * @param signedHeaders the SignedHeaders value as sent ("host;x-amz-date"); it is a line of the canonical request
 * @param signedHeaderNames the same, split
 * @param signature lower-case hex
 * @param amzDate the request time in ISO 8601 basic format ("20150830T123600Z"), as it goes into the string to sign
 * @param dateHeader the header that carried the request time ("x-amz-date" or "date"); empty for the query form
 * @param presignedExpiry X-Amz-Expires of the query form; empty for the header form and for query signatures without it
 */
public record SignedRequest(
        Location location,
        String accessKeyId,
        CredentialScope scope,
        String signedHeaders,
        List<String> signedHeaderNames,
        String signature,
        String amzDate,
        Instant requestTime,
        Optional<String> dateHeader,
        Optional<String> securityToken,
        Optional<Duration> presignedExpiry)
{
    /** Where the signature travels. */
    public enum Location
    {
        AUTHORIZATION_HEADER,
        QUERY_STRING,
    }

    public SignedRequest
    {
        requireNonNull(location, "location is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(signedHeaders, "signedHeaders is null");
        signedHeaderNames = List.copyOf(requireNonNull(signedHeaderNames, "signedHeaderNames is null"));
        requireNonNull(signature, "signature is null");
        requireNonNull(amzDate, "amzDate is null");
        requireNonNull(requestTime, "requestTime is null");
        requireNonNull(dateHeader, "dateHeader is null");
        requireNonNull(securityToken, "securityToken is null");
        requireNonNull(presignedExpiry, "presignedExpiry is null");
    }

    public boolean presigned()
    {
        return location == Location.QUERY_STRING;
    }
}
