package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003 end to end: a user of account 210987654321 assumes a role whose trust policy requires MFA; an ExternalId
 * role; a two-role chain and its one-hour cap; DurationSeconds beyond the role's MaxSessionDuration.
 *
 * <p>The trust policies here name the user directly, which AWS accepts within one account even without an identity
 * policy; the cross-account form of seed 003 (trust naming the other account, identity policy required) is
 * {@link Seed003CrossAccountTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StsAssumeRoleEndToEndTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "210987654321";
    private static final String USER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/alice";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    private RootCredentials root;
    private AccessKey aliceKey;
    private VirtualMfaDevice mfa;

    @BeforeAll
    void createAccountUserAndRoles()
    {
        root = server.createAccount(ACCOUNT);
        try (IamClient iam = server.client(IamClient.builder(), root.accessKeyId(), root.secretAccessKey())) {
            iam.createUser(request -> request.userName("alice"));
            iam.putUserPolicy(request -> request.userName("alice").policyName("assume").policyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::210987654321:role/*"}}"""));
            aliceKey = iam.createAccessKey(request -> request.userName("alice")).accessKey();
            mfa = VirtualMfaDevice.createAndEnable(iam, "alice", "alice-mfa", 0);

            iam.createPolicy(request -> request.policyName("ListExampleBucket").policyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}}"""));
            iam.createRole(request -> request.roleName("Test-UserAccess-Role").assumeRolePolicyDocument(trust(USER_ARN, """
                    ,"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""")));
            iam.attachRolePolicy(request -> request.roleName("Test-UserAccess-Role").policyArn("arn:aws:iam::210987654321:policy/ListExampleBucket"));
            iam.createRole(request -> request.roleName("Third-Party-Role").assumeRolePolicyDocument(trust(USER_ARN, """
                    ,"Condition":{"StringEquals":{"sts:ExternalId":"Unique-Id-1234"}}""")));
            iam.createRole(request -> request.roleName("Chain-First").maxSessionDuration(7200).assumeRolePolicyDocument(trust(USER_ARN, "")));
            iam.createRole(request -> request.roleName("Chain-Second").assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":role/Chain-First", "")));
        }
    }

    private static String trust(String principal, String condition)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]" + condition + "}}";
    }

    private StsClient alice()
    {
        return server.client(StsClient.builder(), aliceKey.accessKeyId(), aliceKey.secretAccessKey());
    }

    @Test
    void seed003MfaRequiredByTrustPolicy()
            throws IOException
    {
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/Test-UserAccess-Role";
        try (StsClient sts = alice()) {
            SdkEndToEndTest.assertAwsError(() -> sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("alice-session")), 403, "AccessDenied");
            SdkEndToEndTest.assertAwsError(() -> sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("alice-session")
                    .serialNumber(mfa.serialNumber()).tokenCode(mfa.wrongCode())), 403, "AccessDenied");
        }
        // The AWS CLI, with a fresh TOTP code from the device's seed.
        Path directory = Files.createTempDirectory("lanyard-sts-e2e-");
        Path credentials = Processes.writeCredentials(directory.resolve("credentials"), aliceKey.accessKeyId(), aliceKey.secretAccessKey());
        String code = mfa.freshCode();
        JsonNode assumed = cli(credentials, "sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "alice-session",
                "--serial-number", mfa.serialNumber(), "--token-code", code);
        assertThat(assumed.at("/AssumedRoleUser/Arn").asText()).isEqualTo("arn:aws:sts::210987654321:assumed-role/Test-UserAccess-Role/alice-session");
        assertThat(assumed.at("/AssumedRoleUser/AssumedRoleId").asText()).matches("AROA[A-Z2-7]{17}:alice-session");
        assertThat(assumed.at("/Credentials/AccessKeyId").asText()).startsWith("ASIA");

        Path sessionCredentials = directory.resolve("session");
        Files.writeString(sessionCredentials, "[default]\naws_access_key_id = " + assumed.at("/Credentials/AccessKeyId").asText()
                + "\naws_secret_access_key = " + assumed.at("/Credentials/SecretAccessKey").asText()
                + "\naws_session_token = " + assumed.at("/Credentials/SessionToken").asText() + "\n");
        JsonNode identity = cli(sessionCredentials, "sts", "get-caller-identity");
        assertThat(identity.get("Arn").asText()).isEqualTo("arn:aws:sts::210987654321:assumed-role/Test-UserAccess-Role/alice-session");
        assertThat(identity.get("Account").asText()).isEqualTo(ACCOUNT);

        // A code is accepted once.
        try (StsClient sts = alice()) {
            SdkEndToEndTest.assertAwsError(() -> sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("twice").serialNumber(mfa.serialNumber()).tokenCode(code)),
                    403, "AccessDenied");
        }
        try (IamClient iam = server.client(IamClient.builder(), root.accessKeyId(), root.secretAccessKey())) {
            assertThat(iam.getRole(request -> request.roleName("Test-UserAccess-Role")).role().roleLastUsed().lastUsedDate()).isNotNull();
        }
    }

    @Test
    void externalIdMustMatch()
    {
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/Third-Party-Role";
        try (StsClient sts = alice()) {
            SdkEndToEndTest.assertAwsError(() -> sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("third")), 403, "AccessDenied");
            SdkEndToEndTest.assertAwsError(() -> sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("third").externalId("Wrong-Id")), 403, "AccessDenied");
            AssumeRoleResponse response = sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("third").externalId("Unique-Id-1234"));
            assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::210987654321:assumed-role/Third-Party-Role/third");
        }
    }

    @Test
    void chainingIsCappedAtOneHour()
    {
        Credentials first;
        try (StsClient sts = alice()) {
            SdkEndToEndTest.assertAwsError(() -> sts.assumeRole(request -> request.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Chain-First").roleSessionName("first").durationSeconds(7201)),
                    400, "ValidationError");
            first = sts.assumeRole(request -> request.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Chain-First").roleSessionName("first").durationSeconds(7200)
                    .tags(tag -> tag.key("team").value("blue")).transitiveTagKeys("team")).credentials();
        }
        assertThat(Duration.between(Instant.now(), first.expiration())).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
        String secondArn = "arn:aws:iam::" + ACCOUNT + ":role/Chain-Second";
        try (StsClient chained = server.sessionClient(StsClient.builder(), first)) {
            SdkEndToEndTest.assertAwsError(() -> chained.assumeRole(request -> request.roleArn(secondArn).roleSessionName("second").durationSeconds(3601)), 400, "ValidationError");
            // A transitive tag cannot be overridden further down the chain.
            SdkEndToEndTest.assertAwsError(() -> chained.assumeRole(request -> request.roleArn(secondArn).roleSessionName("second").tags(tag -> tag.key("Team").value("red"))),
                    403, "AccessDenied");
            Credentials second = chained.assumeRole(request -> request.roleArn(secondArn).roleSessionName("second").durationSeconds(3600)).credentials();
            try (StsClient secondSession = server.sessionClient(StsClient.builder(), second)) {
                assertThat(secondSession.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::210987654321:assumed-role/Chain-Second/second");
            }
        }
    }

    @Test
    void durationBeyondMaxSessionDurationIsValidationError()
    {
        try (StsClient sts = alice()) {
            SdkEndToEndTest.assertAwsError(() -> sts.assumeRole(request -> request.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Third-Party-Role").roleSessionName("long")
                    .externalId("Unique-Id-1234").durationSeconds(3601)), 400, "ValidationError");
        }
    }

    @Test
    void unknownRoleIsAccessDenied()
    {
        try (StsClient sts = alice()) {
            SdkEndToEndTest.assertAwsError(() -> sts.assumeRole(request -> request.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Nobody").roleSessionName("nobody")), 403, "AccessDenied");
        }
    }

    @Test
    void federationTokenCarriesFederatedUser()
    {
        try (StsClient sts = alice()) {
            // GetFederationToken needs the caller's own permission.
            SdkEndToEndTest.assertAwsError(() -> sts.getFederationToken(request -> request.name("bob")), 403, "AccessDenied");
        }
        try (IamClient iam = server.client(IamClient.builder(), root.accessKeyId(), root.secretAccessKey())) {
            iam.putUserPolicy(request -> request.userName("alice").policyName("federate").policyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"arn:aws:sts::210987654321:federated-user/*"}}"""));
        }
        try (StsClient sts = alice()) {
            var response = sts.getFederationToken(request -> request.name("bob").policy("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}"""));
            assertThat(response.federatedUser().arn()).isEqualTo("arn:aws:sts::210987654321:federated-user/bob");
            assertThat(response.federatedUser().federatedUserId()).isEqualTo("210987654321:bob");
            assertThat(response.packedPolicySize()).isBetween(1, 100);
            try (StsClient federated = server.sessionClient(StsClient.builder(), response.credentials())) {
                assertThat(federated.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::210987654321:federated-user/bob");
            }
        }
    }

    private JsonNode cli(Path credentials, String... arguments)
    {
        Processes.Result result = Processes.aws(server.endpoint(), credentials, null, arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        try {
            return JSON.readTree(result.stdout());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
