package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What each service answers, written out per service (not per protocol) so that a wrong entry in {@link SigV4Errors}'s
 * protocol table shows up here.
 */
record ExpectedErrors(String code, int status)
{
    static ExpectedErrors badSignature(AwsService service)
    {
        return switch (service) {
            case IAM, STS, AUTOSCALING -> new ExpectedErrors("SignatureDoesNotMatch", 403);
            case EC2 -> new ExpectedErrors("AuthFailure", 401);
            case EMR -> new ExpectedErrors("InvalidSignatureException", 400);
        };
    }

    static ExpectedErrors expired(AwsService service)
    {
        return switch (service) {
            case IAM, STS, AUTOSCALING -> new ExpectedErrors("SignatureDoesNotMatch", 403);
            case EC2 -> new ExpectedErrors("RequestExpired", 400);
            case EMR -> new ExpectedErrors("InvalidSignatureException", 400);
        };
    }

    static ExpectedErrors incomplete(AwsService service)
    {
        return switch (service) {
            case IAM, STS, AUTOSCALING, EC2 -> new ExpectedErrors("IncompleteSignature", 400);
            case EMR -> new ExpectedErrors("IncompleteSignatureException", 400);
        };
    }

    static ExpectedErrors missing(AwsService service)
    {
        return switch (service) {
            case IAM, STS, AUTOSCALING -> new ExpectedErrors("MissingAuthenticationToken", 403);
            case EC2 -> new ExpectedErrors("MissingAuthenticationToken", 401);
            case EMR -> new ExpectedErrors("MissingAuthenticationTokenException", 400);
        };
    }

    static ExpectedErrors unknownAccessKey(AwsService service)
    {
        return switch (service) {
            case IAM, STS, AUTOSCALING -> new ExpectedErrors("InvalidClientTokenId", 403);
            case EC2 -> new ExpectedErrors("AuthFailure", 401);
            case EMR -> new ExpectedErrors("UnrecognizedClientException", 400);
        };
    }

    static ExpectedErrors expiredToken(AwsService service)
    {
        return switch (service) {
            case IAM, STS, AUTOSCALING -> new ExpectedErrors("ExpiredToken", 400);
            case EC2 -> new ExpectedErrors("RequestExpired", 400);
            case EMR -> new ExpectedErrors("ExpiredTokenException", 400);
        };
    }

    /** Asserts the call fails with this error and returns the error's message. */
    String assertThrownBy(ThrowingCallable call)
    {
        AwsErrorException[] caught = new AwsErrorException[1];
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(AwsErrorException.class, error -> caught[0] = error)
                .hasFieldOrPropertyWithValue("code", code)
                .hasFieldOrPropertyWithValue("httpStatus", status);
        return caught[0].getMessage();
    }

    void assertIs(AwsErrorException error)
    {
        assertThatThrownBy(() -> {
            throw error;
        }).hasFieldOrPropertyWithValue("code", code).hasFieldOrPropertyWithValue("httpStatus", status);
    }
}
