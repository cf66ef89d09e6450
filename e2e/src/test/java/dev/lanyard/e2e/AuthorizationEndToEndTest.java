package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import static dev.lanyard.e2e.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every call of an IAM user is authorized by its policies, through the unmodified AWS SDK for Java v2, in strict mode. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationEndToEndTest
{
    private static final String ALLOW_LIST_USERS = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:ListUsers", "iam:GetUser"], "Resource": "*"}]}""";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());

    @Test
    void userIsDeniedUntilAPolicyAllows()
    {
        AccessKey key = createUserWithKey("authz-alice");
        try (IamClient alice = server.client(IamClient.builder(), key.accessKeyId(), key.secretAccessKey());
                StsClient aliceSts = server.client(StsClient.builder(), key.accessKeyId(), key.secretAccessKey())) {
            // Who am I needs no permission.
            assertThat(aliceSts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:user/authz-alice");
            assertAwsError(alice::listUsers, 403, "AccessDenied",
                    "User: arn:aws:iam::123456789012:user/authz-alice is not authorized to perform: iam:ListUsers on resource: * because no identity-based policy allows the iam:ListUsers action");
            assertAwsError(() -> alice.getRole(request -> request.roleName("no-such-role")), 403, "AccessDenied",
                    "User: arn:aws:iam::123456789012:user/authz-alice is not authorized to perform: iam:GetRole on resource: arn:aws:iam::123456789012:role/no-such-role "
                            + "because no identity-based policy allows the iam:GetRole action");

            iam.putUserPolicy(request -> request.userName("authz-alice").policyName("list").policyDocument(ALLOW_LIST_USERS));
            // The next request sees the policy: no cache delay.
            assertThat(alice.listUsers().users()).extracting(user -> user.userName()).contains("authz-alice");
            assertThat(alice.getUser().user().userName()).isEqualTo("authz-alice");
            // Allowed on GetRole only through "*": an allowed caller learns the role does not exist.
            iam.putUserPolicy(request -> request.userName("authz-alice").policyName("roles").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetRole", "Resource": "arn:aws:iam::123456789012:role/*"}]}"""));
            assertAwsError(() -> alice.getRole(request -> request.roleName("no-such-role")), 404, "NoSuchEntity", null);

            iam.deleteUserPolicy(request -> request.userName("authz-alice").policyName("list"));
            assertAwsError(alice::listUsers, 403, "AccessDenied", null);
        }
    }

    @Test
    void permissionsBoundaryLimitsAndExplicitDenyWins()
    {
        AccessKey key = createUserWithKey("authz-bob");
        iam.putUserPolicy(request -> request.userName("authz-bob").policyName("admin").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}"""));
        String boundaryArn = iam.createPolicy(request -> request.policyName("authz-boundary").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:ListUsers", "iam:ListGroups"], "Resource": "*"}]}""")).policy().arn();
        try (IamClient bob = server.client(IamClient.builder(), key.accessKeyId(), key.secretAccessKey())) {
            assertThat(bob.listRoles().roles()).isNotNull();

            iam.putUserPermissionsBoundary(request -> request.userName("authz-bob").permissionsBoundary(boundaryArn));
            assertThat(bob.listUsers().users()).isNotEmpty();
            assertAwsError(bob::listRoles, 403, "AccessDenied",
                    "User: arn:aws:iam::123456789012:user/authz-bob is not authorized to perform: iam:ListRoles on resource: * because no permissions boundary allows the iam:ListRoles action");

            iam.putUserPolicy(request -> request.userName("authz-bob").policyName("no-groups").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:ListGroups", "Resource": "*"}]}"""));
            assertAwsError(bob::listGroups, 403, "AccessDenied",
                    "User: arn:aws:iam::123456789012:user/authz-bob is not authorized to perform: iam:ListGroups on resource: * with an explicit deny in an identity-based policy");
            assertThat(bob.listUsers().users()).isNotEmpty();
        }
    }

    @Test
    void sessionOfAUserIsLimitedLikeTheUser()
    {
        AccessKey key = createUserWithKey("authz-carol");
        Credentials credentials;
        try (StsClient carolSts = server.client(StsClient.builder(), key.accessKeyId(), key.secretAccessKey())) {
            // GetSessionToken needs no permission (AWS: authentication operations are not controlled by policies).
            credentials = carolSts.getSessionToken().credentials();
        }
        try (IamClient session = server.sessionClient(IamClient.builder(), credentials)) {
            assertAwsError(session::listUsers, 403, "AccessDenied",
                    "User: arn:aws:iam::123456789012:user/authz-carol is not authorized to perform: iam:ListUsers on resource: * because no identity-based policy allows the iam:ListUsers action");
            iam.putUserPolicy(request -> request.userName("authz-carol").policyName("list").policyDocument(ALLOW_LIST_USERS));
            assertThat(session.listUsers().users()).isNotEmpty();
        }
    }

    @Test
    void ec2DenialCarriesAnEncodedMessageThatStsDecodes()
            throws Exception
    {
        AccessKey key = createUserWithKey("authz-dave");
        String encoded;
        try (Ec2Client ec2 = server.client(Ec2Client.builder(), key.accessKeyId(), key.secretAccessKey())) {
            AwsServiceException denied = (AwsServiceException) catchThrowable(ec2::describeInstances);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            String prefix = "You are not authorized to perform this operation. Encoded authorization failure message: ";
            assertThat(denied.awsErrorDetails().errorMessage()).startsWith(prefix);
            encoded = denied.awsErrorDetails().errorMessage().substring(prefix.length());
        }
        try (StsClient daveSts = server.client(StsClient.builder(), key.accessKeyId(), key.secretAccessKey())) {
            // Decoding needs its own permission.
            String finalEncoded = encoded;
            assertAwsError(() -> daveSts.decodeAuthorizationMessage(request -> request.encodedMessage(finalEncoded)), 403, "AccessDenied", null);
        }
        try (StsClient rootSts = server.rootClient(StsClient.builder())) {
            String decoded = rootSts.decodeAuthorizationMessage(request -> request.encodedMessage(encoded)).decodedMessage();
            JsonNode message = new ObjectMapper().readTree(decoded);
            assertThat(message.path("allowed").asBoolean(true)).isFalse();
            assertThat(message.path("explicitDeny").asBoolean(true)).isFalse();
            assertThat(message.path("context").path("action").asText()).isEqualTo("ec2:DescribeInstances");
            assertThat(message.path("context").path("resource").asText()).isEqualTo("*");
            assertThat(message.path("context").path("principal").path("arn").asText()).isEqualTo("arn:aws:iam::123456789012:user/authz-dave");
            assertThat(message.path("context").path("conditions").path("items").toString()).contains("aws:username", "authz-dave");

            assertAwsError(() -> rootSts.decodeAuthorizationMessage(request -> request.encodedMessage(encoded.substring(0, encoded.length() - 2) + "AA")), 400,
                    "InvalidAuthorizationMessageException", null);
        }
    }

    private AccessKey createUserWithKey(String userName)
    {
        iam.createUser(request -> request.userName(userName));
        return iam.createAccessKey(request -> request.userName(userName)).accessKey();
    }

    private static Throwable catchThrowable(Runnable call)
    {
        try {
            call.run();
        }
        catch (Throwable thrown) {
            return thrown;
        }
        throw new AssertionError("expected a failure");
    }
}
