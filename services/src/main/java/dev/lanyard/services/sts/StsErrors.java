package dev.lanyard.services.sts;

import dev.lanyard.protocol.AwsErrorException;

/** STS's error answers, with the codes and messages AWS uses. */
final class StsErrors
{
    private StsErrors() {}

    static AwsErrorException validation(String message)
    {
        return new AwsErrorException("ValidationError", message, 400);
    }

    static AwsErrorException accessDenied(String message)
    {
        return new AwsErrorException("AccessDenied", message, 403);
    }

    /** AWS's answer when a caller may not assume a role, including a role that does not exist (existence is not disclosed). */
    static AwsErrorException notAuthorized(String callerArn, String action, String resourceArn)
    {
        return accessDenied("User: " + callerArn + " is not authorized to perform: " + action + " on resource: " + resourceArn);
    }

    static AwsErrorException packedPolicyTooLarge(int percent)
    {
        return new AwsErrorException("PackedPolicyTooLarge", "Packed size of consolidated session policies and session tags exceeds 100% of the allowed size (" + percent + "%).", 400);
    }

    static AwsErrorException invalidIdentityToken(String message)
    {
        return new AwsErrorException("InvalidIdentityToken", message, 400);
    }

    static AwsErrorException expiredToken(String message)
    {
        return new AwsErrorException("ExpiredTokenException", message, 400);
    }

    static AwsErrorException idpRejectedClaim(String message)
    {
        return new AwsErrorException("IDPRejectedClaim", message, 403);
    }
}
