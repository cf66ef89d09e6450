package dev.lanyard.e2e;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** What the SDK makes of an error answer: the wire's status, code and message. */
final class AwsErrors
{
    private AwsErrors() {}

    /** The call fails with the status and code, and with the message unless that is null. */
    static void assertAwsError(Runnable call, int status, String code, String message)
    {
        assertThatThrownBy(call::run)
                .asInstanceOf(type(AwsServiceException.class))
                .satisfies(error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(error.statusCode()).isEqualTo(status);
                    if (message != null) {
                        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
                    }
                });
    }
}
