package dev.lanyard.protocol.sigv4;

/**
 * The kinds of authentication failure. Each service answers each kind with its own code, message and status;
 * {@link SigV4Errors} holds that table.
 */
public enum SigV4Failure
{
    /** No Authorization header and no X-Amz-Algorithm query parameter. */
    MISSING_AUTHENTICATION,
    /** The signature is present but malformed or lacks a required part. */
    INCOMPLETE_SIGNATURE,
    /** The signature (or its scope) does not match the request. */
    SIGNATURE_DOES_NOT_MATCH,
    /** The request time is outside the allowed skew, or a presigned request has expired or is not yet valid. */
    SIGNATURE_EXPIRED,
    /** The access key id is not known to the server. */
    UNKNOWN_ACCESS_KEY,
    /** The session token has expired. */
    EXPIRED_TOKEN,
}
