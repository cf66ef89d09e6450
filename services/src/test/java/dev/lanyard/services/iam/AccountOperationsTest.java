package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.DeleteAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.UserDetail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.lanyard.services.iam.UserTestSupport.assertIamError;
import static org.assertj.core.api.Assertions.assertThat;

class AccountOperationsTest
{
    @TempDir
    Path directory;

    private UserTestSupport support;
    private AccountOperations account;
    private UserOperations users;
    private CallContext root;

    @BeforeEach
    void setUp()
    {
        support = new UserTestSupport(directory);
        account = new AccountOperations(support.context);
        users = new UserOperations(support.context);
        root = support.rootCall();
    }

    @AfterEach
    void tearDown()
    {
        support.close();
    }

    @Test
    void aliases()
    {
        assertThat(account.listAccountAliases(root, ListAccountAliasesRequest.builder().build()).accountAliases()).isEmpty();
        account.createAccountAlias(root, CreateAccountAliasRequest.builder().accountAlias("example-corp").build());
        assertIamError(() -> account.createAccountAlias(root, CreateAccountAliasRequest.builder().accountAlias("example-corp").build()),
                EntityAlreadyExistsException.class, "The account alias example-corp already exists.");
        assertThat(account.listAccountAliases(root, ListAccountAliasesRequest.builder().build()).accountAliases()).containsExactly("example-corp");
        // One per account: a new alias replaces the old.
        account.createAccountAlias(root, CreateAccountAliasRequest.builder().accountAlias("example-corp-2").build());
        assertThat(account.listAccountAliases(root, ListAccountAliasesRequest.builder().build()).accountAliases()).containsExactly("example-corp-2");
        // Unique across accounts.
        assertIamError(() -> account.createAccountAlias(support.otherAccountRootCall(), CreateAccountAliasRequest.builder().accountAlias("example-corp-2").build()),
                EntityAlreadyExistsException.class, "The account alias example-corp-2 already exists.");
        assertIamError(() -> account.deleteAccountAlias(root, DeleteAccountAliasRequest.builder().accountAlias("example-corp").build()),
                NoSuchEntityException.class, "The account alias example-corp cannot be found.");
        account.deleteAccountAlias(root, DeleteAccountAliasRequest.builder().accountAlias("example-corp-2").build());
        account.createAccountAlias(support.otherAccountRootCall(), CreateAccountAliasRequest.builder().accountAlias("example-corp-2").build());
    }

    @Test
    void passwordPolicy()
    {
        assertIamError(() -> account.getAccountPasswordPolicy(root, GetAccountPasswordPolicyRequest.builder().build()),
                NoSuchEntityException.class, "The Password Policy with domain name 123456789012 cannot be found.");
        assertIamError(() -> account.deleteAccountPasswordPolicy(root, DeleteAccountPasswordPolicyRequest.builder().build()),
                NoSuchEntityException.class, "The account policy with name PasswordPolicy cannot be found.");
        account.updateAccountPasswordPolicy(root, UpdateAccountPasswordPolicyRequest.builder().requireSymbols(true).maxPasswordAge(90).build());
        PasswordPolicy policy = account.getAccountPasswordPolicy(root, GetAccountPasswordPolicyRequest.builder().build()).passwordPolicy();
        assertThat(policy.minimumPasswordLength()).isEqualTo(6);
        assertThat(policy.requireSymbols()).isTrue();
        assertThat(policy.requireNumbers()).isFalse();
        assertThat(policy.expirePasswords()).isTrue();
        assertThat(policy.maxPasswordAge()).isEqualTo(90);
        assertThat(policy.hardExpiry()).isFalse();
        assertThat(policy.passwordReusePrevention()).isNull();
        // An update replaces the whole policy.
        account.updateAccountPasswordPolicy(root, UpdateAccountPasswordPolicyRequest.builder().minimumPasswordLength(10).build());
        policy = account.getAccountPasswordPolicy(root, GetAccountPasswordPolicyRequest.builder().build()).passwordPolicy();
        assertThat(policy.minimumPasswordLength()).isEqualTo(10);
        assertThat(policy.requireSymbols()).isFalse();
        assertThat(policy.expirePasswords()).isFalse();
        account.deleteAccountPasswordPolicy(root, DeleteAccountPasswordPolicyRequest.builder().build());
        assertIamError(() -> account.getAccountPasswordPolicy(root, GetAccountPasswordPolicyRequest.builder().build()),
                NoSuchEntityException.class, "The Password Policy with domain name 123456789012 cannot be found.");
    }

    @Test
    void summaryCountsTheStore()
    {
        users.createUser(root, CreateUserRequest.builder().userName("alice").build());
        users.createUser(root, CreateUserRequest.builder().userName("bob").build());
        users.createGroup(root, CreateGroupRequest.builder().groupName("admins").build());
        users.createUser(support.otherAccountRootCall(), CreateUserRequest.builder().userName("elsewhere").build());
        Map<SummaryKeyType, Integer> summary = account.getAccountSummary(root, GetAccountSummaryRequest.builder().build()).summaryMap();
        assertThat(summary).hasSize(SummaryKeyType.knownValues().size());
        assertThat(summary.get(SummaryKeyType.USERS)).isEqualTo(2);
        assertThat(summary.get(SummaryKeyType.GROUPS)).isEqualTo(1);
        assertThat(summary.get(SummaryKeyType.ROLES)).isZero();
        assertThat(summary.get(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA)).isEqualTo(2);
        assertThat(summary.get(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT)).isEqualTo(1);
        assertThat(summary.get(SummaryKeyType.USERS_QUOTA)).isEqualTo(5000);
    }

    @Test
    void credentialReport()
    {
        assertIamError(() -> account.getCredentialReport(root, GetCredentialReportRequest.builder().build()),
                CredentialReportNotPresentException.class, "Unable to find a credential report for this account.");
        users.createUser(root, CreateUserRequest.builder().userName("alice").build());
        users.createLoginProfile(root, CreateLoginProfileRequest.builder().userName("alice").password("Correct-Horse-1").build());
        new AccessKeyOperations(support.context).createAccessKey(root, CreateAccessKeyRequest.builder().userName("alice").build());
        users.createUser(root, CreateUserRequest.builder().userName("bob").path("/ops/").build());

        assertThat(account.generateCredentialReport(root, GenerateCredentialReportRequest.builder().build()).state()).isEqualTo(ReportStateType.COMPLETE);
        var report = account.getCredentialReport(root, GetCredentialReportRequest.builder().build());
        assertThat(report.reportFormatAsString()).isEqualTo("text/csv");
        String[] lines = report.content().asString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo(AccountCredentialReport.HEADER);
        assertThat(lines[0].split(",")).hasSize(22);
        assertThat(lines[1]).startsWith("<root_account>,arn:aws:iam::123456789012:root,").contains(",not_supported,");
        String[] alice = lines[2].split(",", -1);
        assertThat(alice).hasSize(22);
        assertThat(alice[0]).isEqualTo("alice");
        assertThat(alice[2]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(alice[3]).isEqualTo("true");
        assertThat(alice[4]).isEqualTo("no_information");
        assertThat(alice[8]).isEqualTo("true");
        assertThat(alice[10]).isEqualTo("N/A");
        assertThat(alice[13]).isEqualTo("false");
        String[] bob = lines[3].split(",", -1);
        assertThat(bob[1]).isEqualTo("arn:aws:iam::123456789012:user/ops/bob");
        assertThat(bob[3]).isEqualTo("false");
        assertThat(bob[4]).isEqualTo("N/A");
        // Each account sees only its own report.
        assertIamError(() -> account.getCredentialReport(support.otherAccountRootCall(), GetCredentialReportRequest.builder().build()),
                CredentialReportNotPresentException.class, "Unable to find a credential report");
    }

    @Test
    void credentialReportExpiresAfterFourHours()
    {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
        java.time.Clock clock = new java.time.Clock()
        {
            @Override
            public java.time.ZoneId getZone()
            {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone)
            {
                return this;
            }

            @Override
            public Instant instant()
            {
                return now.get();
            }
        };
        AccountOperations timed = new AccountOperations(new IamContext(support.store, clock));
        timed.generateCredentialReport(root, GenerateCredentialReportRequest.builder().build());
        now.set(now.get().plus(AccountOperations.CREDENTIAL_REPORT_LIFETIME));
        assertThat(timed.getCredentialReport(root, GetCredentialReportRequest.builder().build()).generatedTime()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        now.set(now.get().plusSeconds(1));
        assertIamError(() -> timed.getCredentialReport(root, GetCredentialReportRequest.builder().build()),
                software.amazon.awssdk.services.iam.model.CredentialReportExpiredException.class, "The credential report has expired. Use GenerateCredentialReport to create a new one.");
    }

    @Test
    void authorizationDetails()
    {
        String accountId = UserTestSupport.ACCOUNT_ID;
        var alice = users.createUser(root, CreateUserRequest.builder().userName("alice").build()).user();
        users.createUser(root, CreateUserRequest.builder().userName("bob").build());
        var group = users.createGroup(root, CreateGroupRequest.builder().groupName("admins").build()).group();
        users.addUserToGroup(root, AddUserToGroupRequest.builder().groupName("admins").userName("alice").build());
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        support.store.write(transaction -> {
            transaction.insertEntity(Entity.create(accountId, UserEntities.INLINE_POLICY, "i1", "user:" + alice.userId() + ":S3Read", "/", "{\"document\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\"}", now));
            transaction.insertEntity(Entity.create(accountId, EntityKinds.MANAGED_POLICY, "ANPAEXAMPLE0000000001", "Deploy", "/", "{\"defaultVersionId\":\"v2\",\"versions\":["
                    + "{\"versionId\":\"v1\",\"document\":\"{}\",\"createDate\":\"2026-11-23T10:00:00Z\"},{\"versionId\":\"v2\",\"document\":\"{ }\",\"createDate\":\"2026-11-23T11:00:00Z\"}]}", now));
            transaction.insertLink(new Link(accountId, EntityKinds.POLICY_ATTACHED_TO_USER, "ANPAEXAMPLE0000000001", alice.userId()));
            transaction.insertLink(new Link(accountId, EntityKinds.POLICY_ATTACHED_TO_GROUP, "arn:aws:iam::aws:policy/ReadOnlyAccess", group.groupId()));
            transaction.insertEntity(Entity.create(accountId, EntityKinds.ROLE, "AROAEXAMPLE0000000001", "ec2-role", "/", "{\"assumeRolePolicyDocument\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}", now));
            transaction.insertEntity(Entity.create(accountId, EntityKinds.INSTANCE_PROFILE, "AIPAEXAMPLE0000000001", "ec2-profile", "/", "{}", now));
            transaction.insertLink(new Link(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, "AROAEXAMPLE0000000001", "AIPAEXAMPLE0000000001"));
            return null;
        });

        GetAccountAuthorizationDetailsResponse all = account.getAccountAuthorizationDetails(root, GetAccountAuthorizationDetailsRequest.builder().build());
        assertThat(all.isTruncated()).isFalse();
        assertThat(all.userDetailList()).extracting(UserDetail::userName).containsExactly("alice", "bob");
        UserDetail aliceDetail = all.userDetailList().get(0);
        assertThat(aliceDetail.groupList()).containsExactly("admins");
        assertThat(aliceDetail.userPolicyList()).singleElement().satisfies(policy -> {
            assertThat(policy.policyName()).isEqualTo("S3Read");
            assertThat(policy.policyDocument()).isEqualTo("%7B%22Version%22%3A%222012-10-17%22%7D");
        });
        assertThat(aliceDetail.attachedManagedPolicies()).singleElement().satisfies(policy -> {
            assertThat(policy.policyName()).isEqualTo("Deploy");
            assertThat(policy.policyArn()).isEqualTo("arn:aws:iam::123456789012:policy/Deploy");
        });
        GroupDetail admins = all.groupDetailList().get(0);
        assertThat(admins.attachedManagedPolicies()).singleElement().satisfies(policy -> assertThat(policy.policyName()).isEqualTo("ReadOnlyAccess"));
        RoleDetail role = all.roleDetailList().get(0);
        assertThat(role.roleName()).isEqualTo("ec2-role");
        assertThat(role.assumeRolePolicyDocument()).isEqualTo("%7B%22Version%22%3A%222012-10-17%22%7D");
        assertThat(role.instanceProfileList()).singleElement().satisfies(profile -> {
            assertThat(profile.instanceProfileName()).isEqualTo("ec2-profile");
            assertThat(profile.roles()).extracting(software.amazon.awssdk.services.iam.model.Role::roleName).containsExactly("ec2-role");
        });
        assertThat(role.tags()).hasSize(1);
        assertThat(all.policies()).singleElement().satisfies(policy -> {
            assertThat(policy.defaultVersionId()).isEqualTo("v2");
            assertThat(policy.attachmentCount()).isEqualTo(1);
            assertThat(policy.policyVersionList()).hasSize(2);
            assertThat(policy.updateDate()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        });

        GetAccountAuthorizationDetailsResponse groupsOnly = account.getAccountAuthorizationDetails(root, GetAccountAuthorizationDetailsRequest.builder().filter(EntityType.GROUP).build());
        assertThat(groupsOnly.userDetailList()).isEmpty();
        assertThat(groupsOnly.groupDetailList()).hasSize(1);
        assertThat(groupsOnly.roleDetailList()).isEmpty();

        // Paging across sections: five items, two per page.
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            GetAccountAuthorizationDetailsResponse page = account.getAccountAuthorizationDetails(root, GetAccountAuthorizationDetailsRequest.builder().maxItems(2).marker(marker).build());
            page.userDetailList().forEach(detail -> seen.add("user:" + detail.userName()));
            page.groupDetailList().forEach(detail -> seen.add("group:" + detail.groupName()));
            page.roleDetailList().forEach(detail -> seen.add("role:" + detail.roleName()));
            page.policies().forEach(detail -> seen.add("policy:" + detail.policyName()));
            assertThat(page.isTruncated()).isEqualTo(page.marker() != null);
            marker = page.marker();
            pages++;
        }
        while (marker != null);
        assertThat(seen).containsExactly("user:alice", "user:bob", "group:admins", "role:ec2-role", "policy:Deploy");
        assertThat(pages).isEqualTo(3);
    }
}
