package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.lanyard.protocol.sigv4.SigV4Failure.INCOMPLETE_SIGNATURE;
import static dev.lanyard.protocol.sigv4.SigV4Failure.MISSING_AUTHENTICATION;

/**
 * Reads the signature claim of a request, in either of its two forms, without judging it:
 * <pre>
 * Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex
 * ?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Credential=...&amp;X-Amz-Date=...&amp;X-Amz-Expires=...&amp;X-Amz-SignedHeaders=...&amp;X-Amz-Signature=...
 * </pre>
 * Parsing comes first because the server needs the access key id (to find the secret) and the scope's service before it
 * can verify. Failures are {@link SigV4Exception}s, which the server turns into the service's wire error; a request with no
 * signature at all fails with {@link SigV4Failure#MISSING_AUTHENTICATION}, which {@link #isSigned} tells apart cheaply
 * (STS answers some operations, e.g. AssumeRoleWithWebIdentity, without a signature).
 */
public final class SigV4Parser
{
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final long MAXIMUM_EXPIRES_SECONDS = 604_800;

    static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
    static final String X_AMZ_DATE = "X-Amz-Date";
    static final String X_AMZ_EXPIRES = "X-Amz-Expires";
    static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";

    private SigV4Parser() {}

    /** Whether the request carries a signature in either form. */
    public static boolean isSigned(WireRequest request)
    {
        return request.header("authorization").isPresent() || queryParameter(UriEncoding.splitQuery(request.rawQuery()), X_AMZ_ALGORITHM).isPresent();
    }

    /** Like {@link #parse(WireRequest)}, with failures already in the service's wire form. */
    public static SignedRequest parse(WireRequest request, AwsService service)
    {
        try {
            return parse(request);
        }
        catch (SigV4Exception failure) {
            throw failure.toAwsError(service);
        }
    }

    /**
     * @throws SigV4Exception with {@link SigV4Failure#MISSING_AUTHENTICATION} when the request is not signed,
     * {@link SigV4Failure#INCOMPLETE_SIGNATURE} when the signature is malformed
     */
    public static SignedRequest parse(WireRequest request)
    {
        Optional<String> authorization = request.header("authorization");
        List<String[]> query = UriEncoding.splitQuery(request.rawQuery());
        Optional<String> queryAlgorithm = queryParameter(query, X_AMZ_ALGORITHM);
        if (authorization.isPresent() && queryAlgorithm.isPresent()) {
            throw incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified");
        }
        if (authorization.isPresent()) {
            return parseAuthorizationHeader(authorization.get(), request, query);
        }
        if (queryAlgorithm.isPresent()) {
            return parseQueryString(queryAlgorithm.get(), request, query);
        }
        throw new SigV4Exception(MISSING_AUTHENTICATION, "Request is missing Authentication Token");
    }

    private static SignedRequest parseAuthorizationHeader(String authorization, WireRequest request, List<String[]> query)
    {
        String header = authorization.strip();
        int space = header.indexOf(' ');
        String algorithm = space < 0 ? header : header.substring(0, space);
        if (!algorithm.equals(ALGORITHM) && algorithm.startsWith("AWS4-")) {
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        if (algorithm.equals(ALGORITHM)) {
            int start = space + 1;
            while (start > 0 && start <= header.length()) {
                int comma = header.indexOf(',', start);
                int end = comma < 0 ? header.length() : comma;
                String part = header.substring(start, end).strip();
                if (!part.isEmpty()) {
                    int equals = part.indexOf('=');
                    if (equals < 0) {
                        throw incomplete("'" + part + "' not a valid key=value pair (missing equal-sign) in Authorization header: '" + header + "'.");
                    }
                    String key = part.substring(0, equals).strip();
                    String value = part.substring(equals + 1).strip();
                    switch (key) {
                        case "Credential" -> credential = value;
                        case "SignedHeaders" -> signedHeaders = value;
                        case "Signature" -> signature = value;
                        default -> {
                            // AWS ignores parameters it does not know; so do we.
                        }
                    }
                }
                start = end + 1;
            }
        }

        Optional<String> amzDateHeader = request.header("x-amz-date");
        Optional<String> dateHeader = amzDateHeader.isPresent() ? Optional.of("x-amz-date") : request.header("date").map(ignored -> "date");
        if (credential == null || signedHeaders == null || signature == null || dateHeader.isEmpty()) {
            StringBuilder message = new StringBuilder();
            if (credential == null) {
                message.append("Authorization header requires 'Credential' parameter. ");
            }
            if (signature == null) {
                message.append("Authorization header requires 'Signature' parameter. ");
            }
            if (signedHeaders == null) {
                message.append("Authorization header requires 'SignedHeaders' parameter. ");
            }
            if (dateHeader.isEmpty()) {
                message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            }
            message.append("Authorization=").append(header);
            throw incomplete(message.toString());
        }

        String amzDate;
        Instant requestTime;
        if (amzDateHeader.isPresent()) {
            amzDate = amzDateHeader.get().strip();
            requestTime = AmzDates.parseIsoBasic(amzDate).orElseThrow(() -> invalidDate(amzDateHeader.get()));
        }
        else {
            String httpDate = request.header("date").orElseThrow();
            requestTime = AmzDates.parseHttpDate(httpDate.strip()).orElseThrow(() -> invalidDate(httpDate));
            amzDate = AmzDates.formatIsoBasic(requestTime);
        }

        String[] credentialParts = splitCredential(credential);
        Optional<String> securityToken = request.header("x-amz-security-token").or(() -> queryParameter(query, X_AMZ_SECURITY_TOKEN));
        return new SignedRequest(
                SignedRequest.Location.AUTHORIZATION_HEADER,
                credentialParts[0],
                new CredentialScope(credentialParts[1], credentialParts[2], credentialParts[3]),
                signedHeaders,
                splitSignedHeaders(signedHeaders),
                signature.toLowerCase(Locale.ROOT),
                amzDate,
                requestTime,
                dateHeader,
                securityToken,
                Optional.empty());
    }

    private static SignedRequest parseQueryString(String algorithm, WireRequest request, List<String[]> query)
    {
        Optional<String> credential = queryParameter(query, X_AMZ_CREDENTIAL);
        Optional<String> signature = queryParameter(query, X_AMZ_SIGNATURE);
        Optional<String> amzDate = queryParameter(query, X_AMZ_DATE);
        Optional<String> signedHeaders = queryParameter(query, X_AMZ_SIGNED_HEADERS);
        if (credential.isEmpty() || signature.isEmpty() || amzDate.isEmpty() || signedHeaders.isEmpty()) {
            throw incomplete("AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. "
                    + "Re-examine the query-string parameters.");
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw incomplete("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        Instant requestTime = AmzDates.parseIsoBasic(amzDate.get()).orElseThrow(() -> invalidDate(amzDate.get()));
        Optional<Duration> expiry = queryParameter(query, X_AMZ_EXPIRES).map(SigV4Parser::parseExpires);
        String[] credentialParts = splitCredential(credential.get());
        Optional<String> securityToken = queryParameter(query, X_AMZ_SECURITY_TOKEN).or(() -> request.header("x-amz-security-token"));
        return new SignedRequest(
                SignedRequest.Location.QUERY_STRING,
                credentialParts[0],
                new CredentialScope(credentialParts[1], credentialParts[2], credentialParts[3]),
                signedHeaders.get(),
                splitSignedHeaders(signedHeaders.get()),
                signature.get().toLowerCase(Locale.ROOT),
                amzDate.get(),
                requestTime,
                Optional.empty(),
                securityToken,
                expiry);
    }

    private static Duration parseExpires(String value)
    {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        }
        catch (NumberFormatException notNumber) {
            throw incomplete("X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw incomplete("X-Amz-Expires must be non-negative");
        }
        if (seconds > MAXIMUM_EXPIRES_SECONDS) {
            throw incomplete("X-Amz-Expires must be less than a week (in seconds) that is " + MAXIMUM_EXPIRES_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }

    /** AKID/date/region/service/aws4_request → [AKID, date, region, service]. */
    private static String[] splitCredential(String credential)
    {
        String[] parts = new String[5];
        int count = 0;
        int start = 0;
        for (int index = 0; index <= credential.length(); index++) {
            if (index == credential.length() || credential.charAt(index) == '/') {
                if (count == parts.length) {
                    count++;
                    break;
                }
                parts[count++] = credential.substring(start, index);
                start = index + 1;
            }
        }
        if (count != parts.length) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        if (!parts[4].equals(CredentialScope.TERMINATOR)) {
            throw incomplete("Credential should be scoped with a valid terminator: '" + CredentialScope.TERMINATOR + "', not '" + parts[4] + "'.");
        }
        if (parts[1].length() != 8 || AmzDates.parseIsoBasic(parts[1] + "T000000Z").isEmpty()) {
            throw incomplete("Credential should be scoped to a valid date, not '" + parts[1] + "'.");
        }
        return new String[] {parts[0], parts[1], parts[2], parts[3]};
    }

    private static List<String> splitSignedHeaders(String signedHeaders)
    {
        List<String> names = new ArrayList<>(6);
        int start = 0;
        while (start <= signedHeaders.length()) {
            int semicolon = signedHeaders.indexOf(';', start);
            int end = semicolon < 0 ? signedHeaders.length() : semicolon;
            if (end > start) {
                names.add(signedHeaders.substring(start, end).toLowerCase(Locale.ROOT));
            }
            start = end + 1;
        }
        return names;
    }

    /** The decoded value of the first query parameter with this exact name. */
    static Optional<String> queryParameter(List<String[]> query, String name)
    {
        for (String[] pair : query) {
            if (pair[0].equals(name) || (pair[0].indexOf('%') >= 0 && UriEncoding.decode(pair[0]).equals(name))) {
                return Optional.of(UriEncoding.decode(pair[1]));
            }
        }
        return Optional.empty();
    }

    private static SigV4Exception invalidDate(String value)
    {
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + value + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    private static SigV4Exception incomplete(String message)
    {
        return new SigV4Exception(INCOMPLETE_SIGNATURE, message);
    }
}
