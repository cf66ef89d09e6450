package dev.lanyard.e2e;

import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The AWS SDK for Java v2, unmodified, against a started server in strict mode. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkEndToEndTest
{
    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);

    @Test
    void rootCallerIdentity()
    {
        try (StsClient sts = server.rootClient(StsClient.builder())) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(TestServer.ACCOUNT_ID);
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:root");
            assertThat(identity.userId()).isEqualTo(TestServer.ACCOUNT_ID);
            assertThat(identity.responseMetadata().requestId()).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch()
    {
        try (StsClient sts = server.client(StsClient.builder(), TestServer.ROOT_ACCESS_KEY_ID, "not-the-secret")) {
            assertAwsError(() -> sts.getCallerIdentity(), 403, "SignatureDoesNotMatch");
        }
        try (IamClient iam = server.client(IamClient.builder(), TestServer.ROOT_ACCESS_KEY_ID, "not-the-secret")) {
            assertAwsError(iam::listRoles, 403, "SignatureDoesNotMatch");
        }
    }

    @Test
    void unknownKeyIsInvalidClientTokenId()
    {
        try (StsClient sts = server.client(StsClient.builder(), "AKIAUNKNOWNKEY000000", "whatever")) {
            assertAwsError(() -> sts.getCallerIdentity(), 403, "InvalidClientTokenId");
        }
    }

    @Test
    void modelledButUnimplementedOperationsAnswerNotImplementedInEachProtocol()
    {
        // IAM's Query protocol is covered by Auto Scaling's below (IAM implements every operation).
        try (Ec2Client ec2 = server.rootClient(Ec2Client.builder())) {
            assertAwsError(ec2::describeVpcs, 400, "NotImplemented");
        }
        try (AutoScalingClient autoScaling = server.rootClient(AutoScalingClient.builder())) {
            assertAwsError(autoScaling::describeScalingActivities, 400, "NotImplemented");
        }
        try (EmrClient emr = server.rootClient(EmrClient.builder())) {
            assertAwsError(emr::listSecurityConfigurations, 400, "NotImplemented");
        }
    }

    @Test
    void invalidParametersAreValidationErrors()
    {
        try (IamClient iam = server.rootClient(IamClient.builder())) {
            assertThatThrownBy(() -> iam.getRole(request -> request.roleName("has spaces")))
                    .asInstanceOf(type(AwsServiceException.class))
                    .satisfies(error -> {
                        assertThat(error.statusCode()).isEqualTo(400);
                        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(
                                "1 validation error detected: Value 'has spaces' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
                    });
        }
    }

    @Test
    void iamDatesAreWholeSecondsAsAwsShowsThem()
    {
        try (IamClient iam = server.rootClient(IamClient.builder())) {
            var role = iam.createRole(request -> request.roleName("dated").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role();
            assertThat(role.createDate().getNano()).isZero();
            assertThat(iam.getRole(request -> request.roleName("dated")).role().createDate()).isEqualTo(role.createDate());
        }
    }

    static void assertAwsError(Runnable call, int status, String code)
    {
        assertThatThrownBy(call::run)
                .asInstanceOf(type(AwsServiceException.class))
                .satisfies(error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(error.statusCode()).isEqualTo(status);
                    assertThat(error.requestId()).isNotBlank();
                });
    }
}
