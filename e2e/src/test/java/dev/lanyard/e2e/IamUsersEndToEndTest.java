package dev.lanyard.e2e;

import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.iam.model.UserDetail;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.lanyard.e2e.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** IAM users, groups, keys, credentials and account operations through the unmodified AWS SDK for Java v2, in strict mode. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamUsersEndToEndTest
{
    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());

    @Test
    void userKeyAuthenticatesAsTheUserUntilDeactivated()
    {
        User user = iam.createUser(request -> request.userName("e2e-key-user").path("/team/")).user();
        // Every call of a user is authorized: this one may read itself.
        iam.putUserPolicy(request -> request.userName("e2e-key-user").policyName("self").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::*:user/team/${aws:username}"}]}"""));
        AccessKey key = iam.createAccessKey(request -> request.userName("e2e-key-user")).accessKey();
        try (StsClient sts = server.client(StsClient.builder(), key.accessKeyId(), key.secretAccessKey());
                IamClient userIam = server.client(IamClient.builder(), key.accessKeyId(), key.secretAccessKey())) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:user/team/e2e-key-user");
            assertThat(identity.userId()).isEqualTo(user.userId());
            assertThat(identity.account()).isEqualTo(TestServer.ACCOUNT_ID);

            // Without a name, GetUser answers the caller; a rename shows at once.
            assertThat(userIam.getUser().user().userName()).isEqualTo("e2e-key-user");
            iam.updateUser(request -> request.userName("e2e-key-user").newUserName("e2e-key-user-renamed"));
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:user/team/e2e-key-user-renamed");

            GetAccessKeyLastUsedResponse lastUsed = awaitLastUsed(key.accessKeyId());
            assertThat(lastUsed.userName()).isEqualTo("e2e-key-user-renamed");
            assertThat(lastUsed.accessKeyLastUsed().serviceName()).isIn("sts", "iam");
            assertThat(lastUsed.accessKeyLastUsed().region()).isEqualTo("us-east-1");

            iam.updateAccessKey(request -> request.userName("e2e-key-user-renamed").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
            assertAwsError(sts::getCallerIdentity, 403, "InvalidClientTokenId", null);
            assertAwsError(userIam::getUser, 403, "InvalidClientTokenId", null);

            iam.updateAccessKey(request -> request.userName("e2e-key-user-renamed").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
            assertThat(sts.getCallerIdentity().userId()).isEqualTo(user.userId());

            iam.deleteAccessKey(request -> request.userName("e2e-key-user-renamed").accessKeyId(key.accessKeyId()));
            assertAwsError(sts::getCallerIdentity, 403, "InvalidClientTokenId", null);
        }
        iam.deleteUserPolicy(request -> request.userName("e2e-key-user-renamed").policyName("self"));
        iam.deleteUser(request -> request.userName("e2e-key-user-renamed"));
    }

    private GetAccessKeyLastUsedResponse awaitLastUsed(String accessKeyId)
    {
        // Recorded asynchronously, at most once a minute per key.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            GetAccessKeyLastUsedResponse response = iam.getAccessKeyLastUsed(request -> request.accessKeyId(accessKeyId));
            if (response.accessKeyLastUsed().lastUsedDate() != null || Instant.now().isAfter(deadline)) {
                assertThat(response.accessKeyLastUsed().lastUsedDate()).isNotNull();
                return response;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void usersGroupsAndTheirErrors()
    {
        iam.createUser(request -> request.userName("e2e-alice").tags(Tag.builder().key("team").value("core").build()));
        assertAwsError(() -> iam.createUser(request -> request.userName("E2E-ALICE")), 409, "EntityAlreadyExists", "User with name E2E-ALICE already exists.");
        assertAwsError(() -> iam.getUser(request -> request.userName("e2e-nobody")), 404, "NoSuchEntity", "The user with name e2e-nobody cannot be found.");
        assertThat(iam.getUser(request -> request.userName("e2e-alice")).user().tags()).containsExactly(Tag.builder().key("team").value("core").build());
        assertThat(iam.listUserTags(request -> request.userName("e2e-alice")).tags()).hasSize(1);

        iam.createGroup(request -> request.groupName("e2e-admins"));
        assertAwsError(() -> iam.createGroup(request -> request.groupName("e2e-admins")), 409, "EntityAlreadyExists", "Group with name e2e-admins already exists.");
        iam.addUserToGroup(request -> request.groupName("e2e-admins").userName("e2e-alice"));
        assertThat(iam.getGroup(request -> request.groupName("e2e-admins")).users()).extracting(User::userName).containsExactly("e2e-alice");
        assertThat(iam.listGroupsForUser(request -> request.userName("e2e-alice")).groups()).hasSize(1);
        assertAwsError(() -> iam.deleteGroup(request -> request.groupName("e2e-admins")), 409, "DeleteConflict", "Cannot delete entity, must remove users from group first.");

        iam.createLoginProfile(request -> request.userName("e2e-alice").password("Correct-Horse-1"));
        assertAwsError(() -> iam.deleteUser(request -> request.userName("e2e-alice")), 409, "DeleteConflict", "Cannot delete entity, must delete login profile first.");
        assertAwsError(() -> iam.createLoginProfile(request -> request.userName("e2e-alice").password("Correct-Horse-1")), 409, "EntityAlreadyExists",
                "Login Profile for user e2e-alice already exists.");
        assertAwsError(() -> iam.updateLoginProfile(request -> request.userName("e2e-alice").password("weak")), 400, "PasswordPolicyViolation",
                "Password does not conform to the account password policy.");
        assertAwsError(() -> iam.changePassword(request -> request.oldPassword("a").newPassword("b")), 400, "InvalidUserType", "Only IAM users can change their own password.");
        assertThat(iam.getLoginProfile(request -> request.userName("e2e-alice")).loginProfile().userName()).isEqualTo("e2e-alice");
        iam.deleteLoginProfile(request -> request.userName("e2e-alice"));
        assertAwsError(() -> iam.getLoginProfile(request -> request.userName("e2e-alice")), 404, "NoSuchEntity", "Login Profile for User e2e-alice cannot be found.");

        iam.createAccessKey(request -> request.userName("e2e-alice"));
        iam.createAccessKey(request -> request.userName("e2e-alice"));
        assertAwsError(() -> iam.createAccessKey(request -> request.userName("e2e-alice")), 409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");
        assertAwsError(() -> iam.deleteAccessKey(request -> request.userName("e2e-alice").accessKeyId("AKIANOSUCHKEY0000000")), 404, "NoSuchEntity",
                "The Access Key with id AKIANOSUCHKEY0000000 cannot be found.");
        assertAwsError(() -> iam.deleteUser(request -> request.userName("e2e-alice")), 409, "DeleteConflict", "Cannot delete entity, must delete access keys first.");
        iam.listAccessKeys(request -> request.userName("e2e-alice")).accessKeyMetadata()
                .forEach(key -> iam.deleteAccessKey(request -> request.userName("e2e-alice").accessKeyId(key.accessKeyId())));
        assertAwsError(() -> iam.deleteUser(request -> request.userName("e2e-alice")), 409, "DeleteConflict", "Cannot delete entity, must remove users from group first.");
        iam.removeUserFromGroup(request -> request.groupName("e2e-admins").userName("e2e-alice"));
        iam.deleteGroup(request -> request.groupName("e2e-admins"));
        iam.deleteUser(request -> request.userName("e2e-alice"));
        assertAwsError(() -> iam.tagUser(request -> request.userName("e2e-alice").tags(Tag.builder().key("a").value("b").build())), 404, "NoSuchEntity",
                "The user with name e2e-alice cannot be found.");
    }

    @Test
    void usersChangeTheirOwnPassword()
    {
        iam.createUser(request -> request.userName("e2e-password-user"));
        iam.createLoginProfile(request -> request.userName("e2e-password-user").password("Correct-Horse-1").passwordResetRequired(true));
        // As AWS's IAMUserChangePassword managed policy grants it: each user on their own login profile.
        iam.putUserPolicy(request -> request.userName("e2e-password-user").policyName("own-password").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:ChangePassword", "iam:GetLoginProfile"],
                  "Resource": "arn:aws:iam::*:user/${aws:username}"}]}"""));
        AccessKey key = iam.createAccessKey(request -> request.userName("e2e-password-user")).accessKey();
        try (IamClient userIam = server.client(IamClient.builder(), key.accessKeyId(), key.secretAccessKey())) {
            assertAwsError(() -> userIam.changePassword(request -> request.oldPassword("Wrong-Horse-1").newPassword("Another-Horse-2")), 403, "AccessDenied",
                    "The old password is incorrect.");
            assertAwsError(() -> userIam.changePassword(request -> request.oldPassword("Correct-Horse-1").newPassword("weak")), 400, "PasswordPolicyViolation",
                    "Password does not conform to the account password policy.");
            userIam.changePassword(request -> request.oldPassword("Correct-Horse-1").newPassword("Another-Horse-2"));
            assertThat(iam.getLoginProfile(request -> request.userName("e2e-password-user")).loginProfile().passwordResetRequired()).isFalse();
            // Without a name, the caller's own login profile.
            assertThat(userIam.getLoginProfile(request -> {}).loginProfile().userName()).isEqualTo("e2e-password-user");
        }
        iam.deleteLoginProfile(request -> request.userName("e2e-password-user"));
        iam.deleteAccessKey(request -> request.userName("e2e-password-user").accessKeyId(key.accessKeyId()));
        iam.deleteUserPolicy(request -> request.userName("e2e-password-user").policyName("own-password"));
        iam.deleteUser(request -> request.userName("e2e-password-user"));
    }

    @Test
    void duplicateTagKeysAreInvalidInput()
    {
        iam.createUser(request -> request.userName("e2e-tags"));
        assertAwsError(() -> iam.tagUser(request -> request.userName("e2e-tags").tags(Tag.builder().key("env").value("a").build(), Tag.builder().key("ENV").value("b").build())),
                400, "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        iam.deleteUser(request -> request.userName("e2e-tags"));
    }

    @Test
    void rootGetUserHasTheRootShape()
    {
        User root = iam.getUser().user();
        assertThat(root.userId()).isEqualTo(TestServer.ACCOUNT_ID);
        assertThat(root.arn()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(root.userName()).isNull();
    }

    @Test
    void accountAliasPasswordPolicyAndSummary()
    {
        iam.createAccountAlias(request -> request.accountAlias("e2e-example"));
        assertThat(iam.listAccountAliases().accountAliases()).containsExactly("e2e-example");
        assertAwsError(() -> iam.deleteAccountAlias(request -> request.accountAlias("e2e-other")), 404, "NoSuchEntity", "The account alias e2e-other cannot be found.");
        iam.deleteAccountAlias(request -> request.accountAlias("e2e-example"));

        assertAwsError(iam::getAccountPasswordPolicy, 404, "NoSuchEntity", "The Password Policy with domain name 123456789012 cannot be found.");
        assertAwsError(iam::deleteAccountPasswordPolicy, 404, "NoSuchEntity", "The account policy with name PasswordPolicy cannot be found.");
        iam.updateAccountPasswordPolicy(request -> request.minimumPasswordLength(14).requireNumbers(true));
        assertThat(iam.getAccountPasswordPolicy().passwordPolicy().minimumPasswordLength()).isEqualTo(14);
        iam.createUser(request -> request.userName("e2e-policy-user"));
        assertAwsError(() -> iam.createLoginProfile(request -> request.userName("e2e-policy-user").password("short1")), 400, "PasswordPolicyViolation",
                "Password should have a minimum length of 14");
        assertAwsError(() -> iam.createLoginProfile(request -> request.userName("e2e-policy-user").password("long-enough-no-digits")), 400, "PasswordPolicyViolation",
                "Password should have at least one number");
        iam.deleteAccountPasswordPolicy();
        iam.deleteUser(request -> request.userName("e2e-policy-user"));

        Map<String, Integer> summary = iam.getAccountSummary().summaryMapAsStrings();
        assertThat(summary).containsKeys("Users", "Groups", "Roles", "Policies", "InstanceProfiles", "MFADevices", "AccessKeysPerUserQuota", "AccountMFAEnabled", "GlobalEndpointTokenVersion");
        assertThat(iam.getAccountSummary().summaryMap().get(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA)).isEqualTo(2);
    }

    @Test
    void credentialReport()
    {
        // Only this test generates a report on this server, so there is none before it.
        assertAwsError(iam::getCredentialReport, 410, "ReportNotPresent", "Unable to find a credential report for this account. Use GenerateCredentialReport to create one.");
        iam.createUser(request -> request.userName("e2e-report-user"));
        assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);
        GetCredentialReportResponse report = iam.getCredentialReport();
        String csv = report.content().asString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("user,arn,user_creation_time,password_enabled,");
        assertThat(csv).contains("\n<root_account>,arn:aws:iam::123456789012:root,").contains("\ne2e-report-user,arn:aws:iam::123456789012:user/e2e-report-user,");
        assertThat(report.reportFormatAsString()).isEqualTo("text/csv");
        assertThat(report.generatedTime()).isNotNull();
        iam.deleteUser(request -> request.userName("e2e-report-user"));
    }

    @Test
    void authorizationDetails()
    {
        iam.createUser(request -> request.userName("e2e-details-user"));
        iam.createGroup(request -> request.groupName("e2e-details-group"));
        iam.addUserToGroup(request -> request.groupName("e2e-details-group").userName("e2e-details-user"));
        GetAccountAuthorizationDetailsResponse details = iam.getAccountAuthorizationDetails(request -> request.filter(EntityType.USER, EntityType.GROUP));
        assertThat(details.userDetailList()).filteredOn(detail -> detail.userName().equals("e2e-details-user")).singleElement()
                .extracting(UserDetail::groupList).asList().containsExactly("e2e-details-group");
        assertThat(details.groupDetailList()).extracting(detail -> detail.groupName()).contains("e2e-details-group");
        // The SDK's paginator walks every page.
        assertThat(iam.getAccountAuthorizationDetailsPaginator(request -> request.maxItems(1)).userDetailList().stream().map(UserDetail::userName))
                .contains("e2e-details-user");
        iam.removeUserFromGroup(request -> request.groupName("e2e-details-group").userName("e2e-details-user"));
        iam.deleteGroup(request -> request.groupName("e2e-details-group"));
        iam.deleteUser(request -> request.userName("e2e-details-user"));
    }

    @Test
    void credentials()
    {
        iam.createUser(request -> request.userName("e2e-credentials"));
        String certificate = resource("user-test-rsa.pem");
        var signing = iam.uploadSigningCertificate(request -> request.userName("e2e-credentials").certificateBody(certificate)).certificate();
        assertAwsError(() -> iam.uploadSigningCertificate(request -> request.userName("e2e-credentials").certificateBody(certificate)), 409, "DuplicateCertificate",
                "The request was rejected because the same certificate is associated with an IAM user in the account.");
        assertAwsError(() -> iam.uploadSigningCertificate(request -> request.userName("e2e-credentials").certificateBody("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")),
                400, "MalformedCertificate", "Unable to parse certificate. Please ensure the certificate is in PEM format.");
        assertAwsError(() -> iam.deleteUser(request -> request.userName("e2e-credentials")), 409, "DeleteConflict", "Cannot delete entity, must delete certificates first.");
        iam.deleteSigningCertificate(request -> request.userName("e2e-credentials").certificateId(signing.certificateId()));

        var ssh = iam.uploadSSHPublicKey(request -> request.userName("e2e-credentials").sshPublicKeyBody(resource("user-test-ssh1.pub"))).sshPublicKey();
        assertThat(ssh.fingerprint()).isEqualTo("c0:a8:f4:6c:56:04:8b:f8:af:7a:7e:f9:88:be:69:14");
        assertThat(iam.getSSHPublicKey(request -> request.userName("e2e-credentials").sshPublicKeyId(ssh.sshPublicKeyId()).encoding(EncodingType.PEM)).sshPublicKey().sshPublicKeyBody())
                .startsWith("-----BEGIN PUBLIC KEY-----");
        assertAwsError(() -> iam.uploadSSHPublicKey(request -> request.userName("e2e-credentials").sshPublicKeyBody(resource("user-test-ssh1.pub"))), 400, "DuplicateSSHPublicKey",
                "The SSH public key is already associated with the specified IAM user.");
        assertAwsError(() -> iam.uploadSSHPublicKey(request -> request.userName("e2e-credentials").sshPublicKeyBody("ssh-dss AAAA")), 400, "UnrecognizedPublicKeyEncoding",
                "The public key encoding format is unsupported or unrecognized.");
        assertAwsError(() -> iam.uploadSSHPublicKey(request -> request.userName("e2e-credentials").sshPublicKeyBody("ssh-rsa AAAA")), 400, "InvalidPublicKey",
                "The public key is malformed or otherwise invalid.");
        iam.deleteSSHPublicKey(request -> request.userName("e2e-credentials").sshPublicKeyId(ssh.sshPublicKeyId()));

        var service = iam.createServiceSpecificCredential(request -> request.userName("e2e-credentials").serviceName("codecommit.amazonaws.com")).serviceSpecificCredential();
        assertThat(service.serviceUserName()).isEqualTo("e2e-credentials-at-123456789012");
        assertAwsError(() -> iam.createServiceSpecificCredential(request -> request.userName("e2e-credentials").serviceName("ec2.amazonaws.com")), 404, "NotSupportedService",
                "The specified service is not supported: ec2.amazonaws.com.");
        iam.deleteServiceSpecificCredential(request -> request.userName("e2e-credentials").serviceSpecificCredentialId(service.serviceSpecificCredentialId()));

        var server = iam.uploadServerCertificate(request -> request.serverCertificateName("e2e-web").certificateBody(certificate).privateKey(resource("user-test-rsa.key")))
                .serverCertificateMetadata();
        assertThat(server.arn()).isEqualTo("arn:aws:iam::123456789012:server-certificate/e2e-web");
        assertAwsError(() -> iam.uploadServerCertificate(request -> request.serverCertificateName("e2e-bad").certificateBody(resource("user-test-rsa2.pem")).privateKey(resource("user-test-rsa.key"))),
                400, "KeyPairMismatch", "The public key certificate and the private key do not match.");
        assertThat(iam.getServerCertificate(request -> request.serverCertificateName("e2e-web")).serverCertificate().certificateBody()).isEqualTo(certificate);
        iam.deleteServerCertificate(request -> request.serverCertificateName("e2e-web"));
        assertAwsError(() -> iam.getServerCertificate(request -> request.serverCertificateName("e2e-web")), 404, "NoSuchEntity",
                "The Server Certificate with name e2e-web cannot be found.");
        iam.deleteUser(request -> request.userName("e2e-credentials"));
    }

    private static String resource(String name)
    {
        try (InputStream in = IamUsersEndToEndTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
