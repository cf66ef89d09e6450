package dev.lanyard.e2e;

import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003 exactly as the page tells it, across two accounts: the trusting account 123456789012 owns the role, whose
 * trust policy names the trusted account's root and requires MFA; a user of account 210987654321 may assume it only once
 * her own account's policy allows sts:AssumeRole on it ("only the first half of the configuration" otherwise); inside the
 * session her own permissions are suspended and the role's apply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Seed003CrossAccountTest
{
    private static final String TRUSTED_ACCOUNT = "210987654321";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/Test-UserAccess-Role";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    private RootCredentials trustedRoot;
    private AccessKey userKey;
    private VirtualMfaDevice mfa;

    @BeforeAll
    void createRoleAndTrustedUser()
    {
        trustedRoot = server.createAccount(TRUSTED_ACCOUNT);
        try (IamClient trusting = server.rootClient(IamClient.builder())) {
            trusting.createRole(request -> request.roleName("Test-UserAccess-Role").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},
                     "Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"""));
            trusting.createPolicy(request -> request.policyName("ListExampleBucket").policyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}}"""));
            trusting.attachRolePolicy(request -> request.roleName("Test-UserAccess-Role").policyArn("arn:aws:iam::123456789012:policy/ListExampleBucket"));
        }
        try (IamClient trusted = server.client(IamClient.builder(), trustedRoot.accessKeyId(), trustedRoot.secretAccessKey())) {
            trusted.createUser(request -> request.userName("david"));
            // David may manage his own user in his own account: a permission the role's session must not carry.
            trusted.putUserPolicy(request -> request.userName("david").policyName("self").policyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::210987654321:user/david"}}"""));
            userKey = trusted.createAccessKey(request -> request.userName("david")).accessKey();
            // Enabled with the two steps before now, so that the steps now and next are still fresh for the test's two codes.
            mfa = VirtualMfaDevice.createAndEnable(trusted, "david", "david-mfa", 1);
        }
    }

    @Test
    void bothHalvesOfTheConfigurationAreNeededAndTheSessionCarriesOnlyTheRole()
    {
        try (StsClient david = server.client(StsClient.builder(), userKey.accessKeyId(), userKey.secretAccessKey())) {
            // The trust policy alone is the first half: without David's own permission, even with MFA, he is refused.
            SdkEndToEndTest.assertAwsError(() -> david.assumeRole(request -> request.roleArn(ROLE_ARN).roleSessionName("david")
                    .serialNumber(mfa.serialNumber()).tokenCode(mfa.freshCode())), 403, "AccessDenied");
        }
        try (IamClient trusted = server.client(IamClient.builder(), trustedRoot.accessKeyId(), trustedRoot.secretAccessKey())) {
            trusted.putUserPolicy(request -> request.userName("david").policyName("assume").policyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/Test-UserAccess-Role"}}"""));
        }
        Credentials credentials;
        try (StsClient david = server.client(StsClient.builder(), userKey.accessKeyId(), userKey.secretAccessKey())) {
            // The second half in place, the trust policy's MFA condition still refuses a call without a code.
            SdkEndToEndTest.assertAwsError(() -> david.assumeRole(request -> request.roleArn(ROLE_ARN).roleSessionName("david")), 403, "AccessDenied");
            credentials = david.assumeRole(request -> request.roleArn(ROLE_ARN).roleSessionName("david").serialNumber(mfa.serialNumber()).tokenCode(mfa.freshCode())).credentials();
        }
        try (StsClient sts = server.sessionClient(StsClient.builder(), credentials)) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Test-UserAccess-Role/david");
        }
        // In IAM's global region, where TestServer's clients are in us-east-1.
        AwsSessionCredentials session = AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
        try (IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(session)).build()) {
            // David's own permission (iam:GetUser on himself) is suspended inside the role's session.
            SdkEndToEndTest.assertAwsError(() -> iam.getUser(request -> request.userName("david")), 403, "AccessDenied");
        }
    }
}
