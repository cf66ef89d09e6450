package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Verifies a parsed SigV4 claim against the request and the signer's secret, as AWS does for the services Lanyard
 * serves (none of them S3, so the path is normalized and encoded twice, and the payload is hashed unless the client
 * said UNSIGNED-PAYLOAD). Checks, in order: the scope names this service and the request's day; host (and the header
 * that carried the date) are signed; the request time is within 15 minutes of the clock (or, presigned, within
 * X-Amz-Expires); then the signature itself, compared in constant time. Thread-safe.
 */
public final class SigV4Verifier
{
    public static final Duration MAXIMUM_SKEW = Duration.ofMinutes(15);
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final int SIGNING_KEY_CACHE_SIZE = 4096;

    private final Clock clock;
    private final SigningKeyCache signingKeys = new SigningKeyCache(SIGNING_KEY_CACHE_SIZE);

    public SigV4Verifier(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @throws dev.lanyard.protocol.AwsErrorException in the service's own words when the signature does not hold
     */
    public void verify(SignedRequest signed, WireRequest request, String secretAccessKey, AwsService service)
    {
        requireNonNull(signed, "signed is null");
        requireNonNull(request, "request is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(service, "service is null");

        CredentialScope scope = signed.scope();
        if (!scope.service().equals(service.signingName())) {
            throw SigV4Errors.signatureDoesNotMatch(service, "Credential should be scoped to correct service: '" + service.signingName() + "'. ");
        }
        if (!signed.amzDate().startsWith(scope.date())) {
            throw SigV4Errors.signatureDoesNotMatch(service, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + scope.date() + "' != '" + signed.amzDate().substring(0, 8) + "', from '" + signed.amzDate() + "'.");
        }
        // Signing host binds the signature to this server; signing the date header binds it to its time (AWS requires both).
        if (!signed.signedHeaderNames().contains("host")) {
            throw SigV4Errors.incompleteSignature(service, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (signed.dateHeader().isPresent() && !signed.signedHeaderNames().contains(signed.dateHeader().get())) {
            String name = signed.dateHeader().get().equals("date") ? "Date" : "X-Amz-Date";
            throw SigV4Errors.incompleteSignature(service, "'" + name + "' must be a 'SignedHeader' in the AWS Authorization.");
        }
        checkTime(signed, service);

        String payloadHash = payloadHash(request, service);
        String canonicalRequest = canonicalRequest(signed, request, payloadHash);
        String stringToSign = stringToSign(signed, canonicalRequest);
        byte[] expected = Hashing.hex(Hashing.hmacSha256(signingKeys.signingKey(secretAccessKey, scope), stringToSign)).getBytes(StandardCharsets.US_ASCII);
        // Constant time, so response timing does not reveal how many leading characters of a forged signature were right.
        if (!MessageDigest.isEqual(expected, signed.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw SigV4Errors.signatureDoesNotMatch(service);
        }
    }

    private void checkTime(SignedRequest signed, AwsService service)
    {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant requestTime = signed.requestTime();
        if (requestTime.isAfter(now.plus(MAXIMUM_SKEW))) {
            throw SigV4Errors.signatureExpired(service, "Signature not yet current: " + signed.amzDate() + " is still later than "
                    + AmzDates.formatIsoBasic(now.plus(MAXIMUM_SKEW)) + " (" + AmzDates.formatIsoBasic(now) + " + 15 min.)");
        }
        Optional<Duration> expiry = signed.presignedExpiry();
        if (expiry.isPresent()) {
            // A presigned request may be used until X-Amz-Date + X-Amz-Expires, however far from now its date is.
            Instant expires = requestTime.plus(expiry.get());
            if (now.isAfter(expires)) {
                throw SigV4Errors.signatureExpired(service, "Signature expired: " + AmzDates.formatIsoBasic(expires) + " is now earlier than " + AmzDates.formatIsoBasic(now)
                        + " (" + signed.amzDate() + " + " + expiry.get().toSeconds() + " sec.)");
            }
            return;
        }
        if (requestTime.isBefore(now.minus(MAXIMUM_SKEW))) {
            throw SigV4Errors.signatureExpired(service, "Signature expired: " + signed.amzDate() + " is now earlier than "
                    + AmzDates.formatIsoBasic(now.minus(MAXIMUM_SKEW)) + " (" + AmzDates.formatIsoBasic(now) + " - 15 min.)");
        }
    }

    /**
     * The hash of the body, or what x-amz-content-sha256 says it is. A hex value there must be the body's real hash:
     * otherwise the header would let a signed request carry any body. UNSIGNED-PAYLOAD is honoured as AWS does, which
     * leaves the body unauthenticated; the SDKs send it only for S3, and TLS still protects it in transit.
     */
    private static String payloadHash(WireRequest request, AwsService service)
    {
        Optional<String> declared = request.header("x-amz-content-sha256").map(String::strip);
        if (declared.isEmpty()) {
            return Hashing.sha256Hex(request.body());
        }
        String value = declared.get();
        if (value.equals(UNSIGNED_PAYLOAD)) {
            return value;
        }
        if (!Hashing.isLowerHexSha256(value)) {
            throw SigV4Errors.incompleteSignature(service, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or the lower-case hex SHA-256 of the payload, not '" + value + "'.");
        }
        String actual = Hashing.sha256Hex(request.body());
        if (!actual.equals(value)) {
            throw SigV4Errors.signatureDoesNotMatch(service, "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return value;
    }

    static String canonicalRequest(SignedRequest signed, WireRequest request, String payloadHash)
    {
        StringBuilder builder = new StringBuilder(256 + request.rawQuery().length());
        builder.append(request.method()).append('\n');
        UriEncoding.appendEncodedPath(builder, UriEncoding.normalizePath(request.path()));
        builder.append('\n');
        builder.append(UriEncoding.canonicalQueryString(request.rawQuery(), signed.presigned() ? SigV4Parser.X_AMZ_SIGNATURE : null)).append('\n');
        for (String name : signed.signedHeaderNames()) {
            builder.append(name).append(':');
            List<String> values = request.headers().get(name);
            if (values != null) {
                for (int index = 0; index < values.size(); index++) {
                    if (index > 0) {
                        builder.append(',');
                    }
                    appendTrimmedAndCollapsed(builder, values.get(index));
                }
            }
            builder.append('\n');
        }
        builder.append('\n');
        builder.append(signed.signedHeaders()).append('\n');
        builder.append(payloadHash);
        return builder.toString();
    }

    static String stringToSign(SignedRequest signed, String canonicalRequest)
    {
        return SigV4Parser.ALGORITHM + '\n'
                + signed.amzDate() + '\n'
                + signed.scope().toScopeString() + '\n'
                + Hashing.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** A header value without leading and trailing white space and with inner runs of it reduced to one space. */
    private static void appendTrimmedAndCollapsed(StringBuilder builder, String value)
    {
        int start = 0;
        int end = value.length();
        while (start < end && isWhiteSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(value.charAt(end - 1))) {
            end--;
        }
        boolean previousWhiteSpace = false;
        for (int index = start; index < end; index++) {
            char character = value.charAt(index);
            if (isWhiteSpace(character)) {
                if (!previousWhiteSpace) {
                    builder.append(' ');
                }
                previousWhiteSpace = true;
            }
            else {
                builder.append(character);
                previousWhiteSpace = false;
            }
        }
    }

    private static boolean isWhiteSpace(char character)
    {
        return character == ' ' || character == '\t';
    }
}
