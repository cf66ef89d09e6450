package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;

/**
 * Every authentication error Lanyard answers, in each service's own words. The three protocols differ:
 * <ul>
 * <li>Query services (IAM, STS, Auto Scaling) answer 403 with SignatureDoesNotMatch, InvalidClientTokenId and
 * MissingAuthenticationToken; a skewed clock is a SignatureDoesNotMatch whose message says "Signature expired".</li>
 * <li>EC2 hides most detail behind AuthFailure (401) and answers a skewed clock with RequestExpired (400).</li>
 * <li>JSON services (EMR) answer 400 with the {@code ...Exception} codes.</li>
 * </ul>
 * Sources: AWS's SigV4 troubleshooting guide, error responses quoted in SDK and CLI issue trackers, and moto's
 * choice of AuthFailure for EC2. The server asks this class for the errors it raises itself (unknown key, expired token),
 * so every auth error comes from one table.
 */
public final class SigV4Errors
{
    public static final String SIGNATURE_DOES_NOT_MATCH_MESSAGE = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    public static final String INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";
    public static final String EXPIRED_TOKEN_MESSAGE = "The security token included in the request is expired";
    public static final String EC2_AUTH_FAILURE_MESSAGE = "AWS was not able to validate the provided access credentials";
    public static final String EC2_REQUEST_EXPIRED_MESSAGE = "Request has expired.";

    private SigV4Errors() {}

    /** The request carries no signature at all. */
    public static AwsErrorException missingAuthentication(AwsService service)
    {
        return switch (service.protocol()) {
            case QUERY -> new AwsErrorException("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
            case EC2 -> new AwsErrorException("MissingAuthenticationToken", "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.", 401);
            case JSON_1_1 -> new AwsErrorException("MissingAuthenticationTokenException", "Missing Authentication Token", 400);
        };
    }

    /** The signature is malformed; the message says what is wrong, as AWS's does. */
    public static AwsErrorException incompleteSignature(AwsService service, String message)
    {
        return switch (service.protocol()) {
            case QUERY, EC2 -> new AwsErrorException("IncompleteSignature", message, 400);
            case JSON_1_1 -> new AwsErrorException("IncompleteSignatureException", message, 400);
        };
    }

    /** The recomputed signature differs from the one sent. */
    public static AwsErrorException signatureDoesNotMatch(AwsService service)
    {
        return signatureDoesNotMatch(service, SIGNATURE_DOES_NOT_MATCH_MESSAGE);
    }

    /** A signature that cannot be right for this request (wrong scope date or service); EC2 does not explain. */
    public static AwsErrorException signatureDoesNotMatch(AwsService service, String message)
    {
        return switch (service.protocol()) {
            case QUERY -> new AwsErrorException("SignatureDoesNotMatch", message, 403);
            case EC2 -> new AwsErrorException("AuthFailure", EC2_AUTH_FAILURE_MESSAGE, 401);
            case JSON_1_1 -> new AwsErrorException("InvalidSignatureException", message, 400);
        };
    }

    /** The request time is too far from the server's clock, or a presigned request is out of its validity window. */
    public static AwsErrorException signatureExpired(AwsService service, String message)
    {
        return switch (service.protocol()) {
            case QUERY -> new AwsErrorException("SignatureDoesNotMatch", message, 403);
            case EC2 -> new AwsErrorException("RequestExpired", EC2_REQUEST_EXPIRED_MESSAGE, 400);
            case JSON_1_1 -> new AwsErrorException("InvalidSignatureException", message, 400);
        };
    }

    /** The access key id (or the session token that goes with it) is unknown. */
    public static AwsErrorException unknownAccessKey(AwsService service)
    {
        return switch (service.protocol()) {
            case QUERY -> new AwsErrorException("InvalidClientTokenId", INVALID_TOKEN_MESSAGE, 403);
            case EC2 -> new AwsErrorException("AuthFailure", EC2_AUTH_FAILURE_MESSAGE, 401);
            case JSON_1_1 -> new AwsErrorException("UnrecognizedClientException", INVALID_TOKEN_MESSAGE, 400);
        };
    }

    /** The temporary credentials have expired. */
    public static AwsErrorException expiredToken(AwsService service)
    {
        return switch (service.protocol()) {
            case QUERY -> new AwsErrorException("ExpiredToken", EXPIRED_TOKEN_MESSAGE, 400);
            case EC2 -> new AwsErrorException("RequestExpired", EC2_REQUEST_EXPIRED_MESSAGE, 400);
            case JSON_1_1 -> new AwsErrorException("ExpiredTokenException", EXPIRED_TOKEN_MESSAGE, 400);
        };
    }

    /** The service's error for a failure kind; the message is used where the service's wire shows it. */
    public static AwsErrorException error(SigV4Failure failure, AwsService service, String message)
    {
        return switch (failure) {
            case MISSING_AUTHENTICATION -> missingAuthentication(service);
            case INCOMPLETE_SIGNATURE -> incompleteSignature(service, message);
            case SIGNATURE_DOES_NOT_MATCH -> signatureDoesNotMatch(service, message);
            case SIGNATURE_EXPIRED -> signatureExpired(service, message);
            case UNKNOWN_ACCESS_KEY -> unknownAccessKey(service);
            case EXPIRED_TOKEN -> expiredToken(service);
        };
    }
}
