package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AcceptDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.AccessAdvisorUsageGranularityType;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.AssociateDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.AttachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.DelegationPermission;
import software.amazon.awssdk.services.iam.model.DelegationRequest;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootCredentialsManagementRequest;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootSessionsRequest;
import software.amazon.awssdk.services.iam.model.DisableOutboundWebIdentityFederationRequest;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootCredentialsManagementRequest;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootSessionsRequest;
import software.amazon.awssdk.services.iam.model.EnableOutboundWebIdentityFederationRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.FeatureDisabledException;
import software.amazon.awssdk.services.iam.model.FeatureEnabledException;
import software.amazon.awssdk.services.iam.model.GenerateOrganizationsAccessReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.GetDelegationRequestResponse;
import software.amazon.awssdk.services.iam.model.GetHumanReadableSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetHumanReadableSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetOrganizationsAccessReportRequest;
import software.amazon.awssdk.services.iam.model.GetOrganizationsAccessReportResponse;
import software.amazon.awssdk.services.iam.model.GetOutboundWebIdentityFederationInfoRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsWithEntitiesRequest;
import software.amazon.awssdk.services.iam.model.GlobalEndpointTokenVersion;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ListDelegationRequestsRequest;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessEntry;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.OrganizationNotFoundException;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;
import software.amazon.awssdk.services.iam.model.PolicyType;
import software.amazon.awssdk.services.iam.model.PutGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.RejectDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.SendDelegationTokenRequest;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.iam.model.SetSecurityTokenServicePreferencesRequest;
import software.amazon.awssdk.services.iam.model.StateType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.SummaryStateType;
import software.amazon.awssdk.services.iam.model.TrackedActionLastAccessed;
import software.amazon.awssdk.services.iam.model.UpdateDelegationRequestRequest;

import java.nio.file.Path;
import java.util.List;

import static dev.lanyard.services.iam.UserTestSupport.assertIamError;
import static org.assertj.core.api.Assertions.assertThat;

class IamMiscOperationsTest
{
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String ACCOUNT = UserTestSupport.ACCOUNT_ID;

    @TempDir
    Path directory;

    private UserTestSupport support;
    private IamMiscOperations misc;
    private DelegationRequests delegation;
    private CallContext root;

    @BeforeEach
    void setUp()
    {
        support = new UserTestSupport(directory);
        misc = new IamMiscOperations(support.context);
        delegation = new DelegationRequests(support.context);
        root = support.rootCall();
    }

    @AfterEach
    void tearDown()
    {
        support.close();
    }

    private static String allow(String... actions)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"" + String.join("\",\"", actions) + "\"],\"Resource\":\"*\"}]}";
    }

    @Test
    void organizationsFeaturesAnswerAsAnAccountOutsideAnOrganization()
    {
        String message = "The request was rejected because no organization is associated with your account.";
        assertIamError(() -> misc.listOrganizationsFeatures(root, ListOrganizationsFeaturesRequest.builder().build()), OrganizationNotFoundException.class, message);
        assertIamError(() -> misc.enableOrganizationsRootCredentialsManagement(root, EnableOrganizationsRootCredentialsManagementRequest.builder().build()), OrganizationNotFoundException.class, message);
        assertIamError(() -> misc.disableOrganizationsRootCredentialsManagement(root, DisableOrganizationsRootCredentialsManagementRequest.builder().build()), OrganizationNotFoundException.class, message);
        assertIamError(() -> misc.enableOrganizationsRootSessions(root, EnableOrganizationsRootSessionsRequest.builder().build()), OrganizationNotFoundException.class, message);
        assertIamError(() -> misc.disableOrganizationsRootSessions(root, DisableOrganizationsRootSessionsRequest.builder().build()), OrganizationNotFoundException.class, message);
    }

    @Test
    void organizationsAccessReportFails()
    {
        String jobId = misc.generateOrganizationsAccessReport(root, GenerateOrganizationsAccessReportRequest.builder().entityPath("o-a1b2c3d4e5/r-f6g7h8i9j0example").build()).jobId();
        assertThat(jobId).hasSize(36);
        GetOrganizationsAccessReportResponse report = misc.getOrganizationsAccessReport(root, GetOrganizationsAccessReportRequest.builder().jobId(jobId).build());
        assertThat(report.jobStatus()).isEqualTo(JobStatusType.FAILED);
        assertThat(report.errorDetails().code()).isEqualTo("OrganizationNotFoundException");
        assertThat(report.jobCreationDate()).isNotNull();
        // Jobs belong to their account.
        assertIamError(() -> misc.getOrganizationsAccessReport(support.otherAccountRootCall(), GetOrganizationsAccessReportRequest.builder().jobId(jobId).build()),
                NoSuchEntityException.class, "No such job id: " + jobId);
    }

    @Test
    void outboundWebIdentityFederation()
    {
        assertIamError(() -> misc.getOutboundWebIdentityFederationInfo(root, GetOutboundWebIdentityFederationInfoRequest.builder().build()),
                FeatureDisabledException.class, "Outbound identity federation is disabled for this account.");
        assertIamError(() -> misc.disableOutboundWebIdentityFederation(root, DisableOutboundWebIdentityFederationRequest.builder().build()),
                FeatureDisabledException.class, "Outbound identity federation is disabled for this account.");
        String issuer = misc.enableOutboundWebIdentityFederation(root, EnableOutboundWebIdentityFederationRequest.builder().build()).issuerIdentifier();
        assertThat(issuer).matches("https://[0-9a-f-]{36}\\.tokens\\.sts\\.global\\.api\\.aws");
        assertIamError(() -> misc.enableOutboundWebIdentityFederation(root, EnableOutboundWebIdentityFederationRequest.builder().build()),
                FeatureEnabledException.class, "Outbound identity federation is already enabled for this account.");
        assertThat(misc.getOutboundWebIdentityFederationInfo(root, GetOutboundWebIdentityFederationInfoRequest.builder().build()).issuerIdentifier()).isEqualTo(issuer);
        assertThat(misc.getOutboundWebIdentityFederationInfo(root, GetOutboundWebIdentityFederationInfoRequest.builder().build()).jwtVendingEnabled()).isTrue();
        // Per account.
        assertIamError(() -> misc.getOutboundWebIdentityFederationInfo(support.otherAccountRootCall(), GetOutboundWebIdentityFederationInfoRequest.builder().build()),
                FeatureDisabledException.class, "Outbound identity federation is disabled for this account.");
        misc.disableOutboundWebIdentityFederation(root, DisableOutboundWebIdentityFederationRequest.builder().build());
        assertIamError(() -> misc.getOutboundWebIdentityFederationInfo(root, GetOutboundWebIdentityFederationInfoRequest.builder().build()),
                FeatureDisabledException.class, "Outbound identity federation is disabled for this account.");
        // The issuer survives a disable.
        assertThat(misc.enableOutboundWebIdentityFederation(root, EnableOutboundWebIdentityFederationRequest.builder().build()).issuerIdentifier()).isEqualTo(issuer);
    }

    @Test
    void securityTokenServicePreferencesShowInTheAccountSummary()
    {
        AccountOperations account = new AccountOperations(support.context);
        assertThat(account.getAccountSummary(root, GetAccountSummaryRequest.builder().build()).summaryMap()).containsEntry(SummaryKeyType.GLOBAL_ENDPOINT_TOKEN_VERSION, 1);
        misc.setSecurityTokenServicePreferences(root, SetSecurityTokenServicePreferencesRequest.builder().globalEndpointTokenVersion(GlobalEndpointTokenVersion.V2_TOKEN).build());
        assertThat(account.getAccountSummary(root, GetAccountSummaryRequest.builder().build()).summaryMap()).containsEntry(SummaryKeyType.GLOBAL_ENDPOINT_TOKEN_VERSION, 2);
        assertThat(account.getAccountSummary(support.otherAccountRootCall(), GetAccountSummaryRequest.builder().build()).summaryMap()).containsEntry(SummaryKeyType.GLOBAL_ENDPOINT_TOKEN_VERSION, 1);
        misc.setSecurityTokenServicePreferences(root, SetSecurityTokenServicePreferencesRequest.builder().globalEndpointTokenVersion(GlobalEndpointTokenVersion.V1_TOKEN).build());
        assertThat(account.getAccountSummary(root, GetAccountSummaryRequest.builder().build()).summaryMap()).containsEntry(SummaryKeyType.GLOBAL_ENDPOINT_TOKEN_VERSION, 1);
    }

    @Test
    void serviceLastAccessedForAUserIncludesGroupPolicies()
    {
        UserOperations users = new UserOperations(support.context);
        InlinePolicyOperations inline = new InlinePolicyOperations(support.context);
        ManagedPolicyOperations managed = new ManagedPolicyOperations(support.context);
        users.createUser(root, CreateUserRequest.builder().userName("alice").path("/staff/").build());
        users.createGroup(root, CreateGroupRequest.builder().groupName("readers").build());
        users.addUserToGroup(root, AddUserToGroupRequest.builder().userName("alice").groupName("readers").build());
        inline.putUserPolicy(root, PutUserPolicyRequest.builder().userName("alice").policyName("own").policyDocument(allow("iam:Get*", "sqs:SendMessage")).build());
        inline.putGroupPolicy(root, PutGroupPolicyRequest.builder().groupName("readers").policyName("group-inline").policyDocument(allow("s3:ListBucket")).build());
        String policyArn = managed.createPolicy(root, CreatePolicyRequest.builder().policyName("dynamo").policyDocument(allow("dynamodb:*")).build()).policy().arn();
        managed.attachGroupPolicy(root, AttachGroupPolicyRequest.builder().groupName("readers").policyArn(policyArn).build());

        String userArn = "arn:aws:iam::" + ACCOUNT + ":user/staff/alice";
        String jobId = misc.generateServiceLastAccessedDetails(root, GenerateServiceLastAccessedDetailsRequest.builder().arn(userArn).build()).jobId();
        GetServiceLastAccessedDetailsResponse details = misc.getServiceLastAccessedDetails(root, GetServiceLastAccessedDetailsRequest.builder().jobId(jobId).build());
        assertThat(details.jobStatus()).isEqualTo(JobStatusType.COMPLETED);
        assertThat(details.jobTypeAsString()).isEqualTo("SERVICE_LEVEL");
        assertThat(details.servicesLastAccessed()).extracting(ServiceLastAccessed::serviceNamespace).containsExactly("dynamodb", "iam", "s3", "sqs");
        assertThat(details.servicesLastAccessed()).allSatisfy(service -> {
            assertThat(service.totalAuthenticatedEntities()).isZero();
            assertThat(service.lastAuthenticated()).isNull();
            assertThat(service.trackedActionsLastAccessed()).isEmpty();
        });
        assertThat(details.servicesLastAccessed().get(1).serviceName()).isEqualTo("AWS Identity and Access Management");
        assertThat(details.isTruncated()).isFalse();

        // Paging.
        GetServiceLastAccessedDetailsResponse first = misc.getServiceLastAccessedDetails(root, GetServiceLastAccessedDetailsRequest.builder().jobId(jobId).maxItems(3).build());
        assertThat(first.servicesLastAccessed()).hasSize(3);
        assertThat(first.isTruncated()).isTrue();
        GetServiceLastAccessedDetailsResponse second = misc.getServiceLastAccessedDetails(root, GetServiceLastAccessedDetailsRequest.builder().jobId(jobId).maxItems(3).marker(first.marker()).build());
        assertThat(second.servicesLastAccessed()).extracting(ServiceLastAccessed::serviceNamespace).containsExactly("sqs");
        assertThat(second.isTruncated()).isFalse();
        assertIamError(() -> misc.getServiceLastAccessedDetails(root, GetServiceLastAccessedDetailsRequest.builder().jobId(jobId).marker("!!!").build()),
                InvalidInputException.class, "Invalid Marker.");

        assertThat(misc.getServiceLastAccessedDetailsWithEntities(root, GetServiceLastAccessedDetailsWithEntitiesRequest.builder().jobId(jobId).serviceNamespace("iam").build())
                .entityDetailsList()).singleElement().satisfies(entity -> {
                    assertThat(entity.entityInfo().arn()).isEqualTo(userArn);
                    assertThat(entity.entityInfo().typeAsString()).isEqualTo("USER");
                    assertThat(entity.lastAuthenticated()).isNull();
                });
        assertThat(misc.getServiceLastAccessedDetailsWithEntities(root, GetServiceLastAccessedDetailsWithEntitiesRequest.builder().jobId(jobId).serviceNamespace("ec2").build())
                .entityDetailsList()).isEmpty();
    }

    @Test
    void serviceLastAccessedActionLevelAndWildcards()
    {
        RoleOperations roles = new RoleOperations(support.context);
        InlinePolicyOperations inline = new InlinePolicyOperations(support.context);
        roles.createRole(root, CreateRoleRequest.builder().roleName("app").assumeRolePolicyDocument(TRUST).build());
        inline.putRolePolicy(root, PutRolePolicyRequest.builder().roleName("app").policyName("p").policyDocument(allow("iam:GetRole", "iam:ListRole*", "s3*:ListBuckets")).build());
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/app";
        String jobId = misc.generateServiceLastAccessedDetails(root, GenerateServiceLastAccessedDetailsRequest.builder().arn(roleArn).granularity(AccessAdvisorUsageGranularityType.ACTION_LEVEL).build()).jobId();
        GetServiceLastAccessedDetailsResponse details = misc.getServiceLastAccessedDetails(root, GetServiceLastAccessedDetailsRequest.builder().jobId(jobId).build());
        assertThat(details.jobTypeAsString()).isEqualTo("ACTION_LEVEL");
        ServiceLastAccessed iam = details.servicesLastAccessed().stream().filter(service -> service.serviceNamespace().equals("iam")).findFirst().orElseThrow();
        assertThat(iam.trackedActionsLastAccessed()).extracting(TrackedActionLastAccessed::actionName)
                .contains("GetRole", "ListRoles", "ListRolePolicies", "ListRoleTags")
                .doesNotContain("CreateRole", "GetUser");
        // "s3*" reaches every catalog namespace that begins with s3.
        assertThat(details.servicesLastAccessed()).extracting(ServiceLastAccessed::serviceNamespace).contains("s3", "s3-outposts");

        // "*" allows every service of the catalog.
        inline.putRolePolicy(root, PutRolePolicyRequest.builder().roleName("app").policyName("admin").policyDocument(allow("*")).build());
        String adminJob = misc.generateServiceLastAccessedDetails(root, GenerateServiceLastAccessedDetailsRequest.builder().arn(roleArn).build()).jobId();
        assertThat(misc.getServiceLastAccessedDetails(root, GetServiceLastAccessedDetailsRequest.builder().jobId(adminJob).maxItems(1000).build()).servicesLastAccessed())
                .hasSizeGreaterThan(300);
    }

    @Test
    void serviceLastAccessedForAPolicyListsItsEntities()
    {
        RoleOperations roles = new RoleOperations(support.context);
        ManagedPolicyOperations managed = new ManagedPolicyOperations(support.context);
        roles.createRole(root, CreateRoleRequest.builder().roleName("reader").assumeRolePolicyDocument(TRUST).build());
        String arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        managed.attachRolePolicy(root, AttachRolePolicyRequest.builder().roleName("reader").policyArn(arn).build());
        String jobId = misc.generateServiceLastAccessedDetails(root, GenerateServiceLastAccessedDetailsRequest.builder().arn(arn).build()).jobId();
        assertThat(misc.getServiceLastAccessedDetails(root, GetServiceLastAccessedDetailsRequest.builder().jobId(jobId).build()).servicesLastAccessed())
                .extracting(ServiceLastAccessed::serviceNamespace).contains("s3");
        assertThat(misc.getServiceLastAccessedDetailsWithEntities(root, GetServiceLastAccessedDetailsWithEntitiesRequest.builder().jobId(jobId).serviceNamespace("s3").build())
                .entityDetailsList()).singleElement().satisfies(entity -> assertThat(entity.entityInfo().name()).isEqualTo("reader"));
    }

    @Test
    void serviceLastAccessedErrors()
    {
        assertIamError(() -> misc.generateServiceLastAccessedDetails(root, GenerateServiceLastAccessedDetailsRequest.builder().arn("arn:aws:iam::" + ACCOUNT + ":role/missing").build()),
                NoSuchEntityException.class, "The role with name missing cannot be found.");
        assertIamError(() -> misc.generateServiceLastAccessedDetails(root, GenerateServiceLastAccessedDetailsRequest.builder().arn("arn:aws:iam::" + ACCOUNT + ":policy/missing").build()),
                NoSuchEntityException.class, "Policy arn:aws:iam::" + ACCOUNT + ":policy/missing does not exist or is not attachable.");
        assertIamError(() -> misc.generateServiceLastAccessedDetails(root, GenerateServiceLastAccessedDetailsRequest.builder().arn("not-an-arn-at-all-really").build()),
                InvalidInputException.class, "ARN not-an-arn-at-all-really is not valid.");
        assertIamError(() -> misc.generateServiceLastAccessedDetails(root, GenerateServiceLastAccessedDetailsRequest.builder().arn("arn:aws:iam::" + ACCOUNT + ":instance-profile/x").build()),
                InvalidInputException.class, "ARN arn:aws:iam::" + ACCOUNT + ":instance-profile/x is not valid.");
        String missing = "00000000-0000-0000-0000-000000000000";
        assertIamError(() -> misc.getServiceLastAccessedDetails(root, GetServiceLastAccessedDetailsRequest.builder().jobId(missing).build()),
                NoSuchEntityException.class, "No such job id: " + missing);
        assertIamError(() -> misc.getServiceLastAccessedDetailsWithEntities(root, GetServiceLastAccessedDetailsWithEntitiesRequest.builder().jobId(missing).serviceNamespace("iam").build()),
                NoSuchEntityException.class, "No such job id: " + missing);
    }

    @Test
    void policiesGrantingServiceAccess()
    {
        UserOperations users = new UserOperations(support.context);
        InlinePolicyOperations inline = new InlinePolicyOperations(support.context);
        ManagedPolicyOperations managed = new ManagedPolicyOperations(support.context);
        users.createUser(root, CreateUserRequest.builder().userName("bob").build());
        users.createGroup(root, CreateGroupRequest.builder().groupName("admins").build());
        users.addUserToGroup(root, AddUserToGroupRequest.builder().userName("bob").groupName("admins").build());
        inline.putUserPolicy(root, PutUserPolicyRequest.builder().userName("bob").policyName("iam-read").policyDocument(allow("iam:Get*")).build());
        inline.putGroupPolicy(root, PutGroupPolicyRequest.builder().groupName("admins").policyName("everything").policyDocument(allow("*")).build());
        managed.attachGroupPolicy(root, AttachGroupPolicyRequest.builder().groupName("admins").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess").build());

        List<ListPoliciesGrantingServiceAccessEntry> entries = misc.listPoliciesGrantingServiceAccess(root, ListPoliciesGrantingServiceAccessRequest.builder()
                .arn("arn:aws:iam::" + ACCOUNT + ":user/bob").serviceNamespaces("iam", "s3", "ec2").build()).policiesGrantingServiceAccess();
        assertThat(entries).extracting(ListPoliciesGrantingServiceAccessEntry::serviceNamespace).containsExactly("iam", "s3", "ec2");
        assertThat(entries.get(0).policies()).extracting(PolicyGrantingServiceAccess::policyName).containsExactly("iam-read", "everything");
        assertThat(entries.get(0).policies().get(0).policyType()).isEqualTo(PolicyType.INLINE);
        assertThat(entries.get(0).policies().get(0).entityType()).isEqualTo(PolicyOwnerEntityType.USER);
        assertThat(entries.get(0).policies().get(1).entityType()).isEqualTo(PolicyOwnerEntityType.GROUP);
        assertThat(entries.get(0).policies().get(1).entityName()).isEqualTo("admins");
        assertThat(entries.get(1).policies()).extracting(PolicyGrantingServiceAccess::policyName).containsExactly("everything", "AmazonS3ReadOnlyAccess");
        assertThat(entries.get(1).policies().get(1).policyType()).isEqualTo(PolicyType.MANAGED);
        assertThat(entries.get(1).policies().get(1).policyArn()).isEqualTo("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assertThat(entries.get(2).policies()).extracting(PolicyGrantingServiceAccess::policyName).containsExactly("everything");

        assertIamError(() -> misc.listPoliciesGrantingServiceAccess(root, ListPoliciesGrantingServiceAccessRequest.builder()
                        .arn("arn:aws:iam::" + ACCOUNT + ":user/nobody").serviceNamespaces("iam").build()),
                NoSuchEntityException.class, "The user with name nobody cannot be found.");
        assertIamError(() -> misc.listPoliciesGrantingServiceAccess(root, ListPoliciesGrantingServiceAccessRequest.builder()
                        .arn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess").serviceNamespaces("iam").build()),
                InvalidInputException.class, "ARN arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess is not valid.");
        // Another account's user is not visible.
        assertIamError(() -> misc.listPoliciesGrantingServiceAccess(support.otherAccountRootCall(), ListPoliciesGrantingServiceAccessRequest.builder()
                        .arn("arn:aws:iam::" + ACCOUNT + ":user/bob").serviceNamespaces("iam").build()),
                NoSuchEntityException.class, "The user with name bob cannot be found.");
    }

    @Test
    void wildcardMatching()
    {
        assertThat(ServiceLastAccessedPolicies.matches("Get*", "GetRole")).isTrue();
        assertThat(ServiceLastAccessedPolicies.matches("get*", "GetRole")).isTrue();
        assertThat(ServiceLastAccessedPolicies.matches("Get?Rol", "GetRole")).isFalse();
        assertThat(ServiceLastAccessedPolicies.matches("Get?Role", "GetXRole")).isTrue();
        assertThat(ServiceLastAccessedPolicies.matches("s3.", "s3x")).isFalse();
        assertThat(ServiceLastAccessedPolicies.allowedNamespaces("{\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}}"))
                .contains("s3", "ec2").doesNotContain("iam");
        assertThat(ServiceLastAccessedPolicies.allowedNamespaces("{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}")).isEmpty();
    }

    private CreateDelegationRequestRequest.Builder delegationRequest(String workflowId)
    {
        return CreateDelegationRequestRequest.builder()
                .description("Read your S3 buckets for the backup product")
                .permissions(DelegationPermission.builder().policyTemplateArn("arn:aws:iam::aws:delegation-template/S3Backup").build())
                .requestorWorkflowId(workflowId)
                .notificationChannel("arn:aws:sns:us-east-1:" + UserTestSupport.OTHER_ACCOUNT_ID + ":partner-topic")
                .sessionDuration(3600);
    }

    @Test
    void delegationRequestLifecycle()
    {
        CallContext partner = support.otherAccountRootCall();
        String id = delegation.createDelegationRequest(partner, delegationRequest("workflow-1").ownerAccountId(ACCOUNT).onlySendByOwner(true).build()).delegationRequestId();
        assertThat(id).startsWith(UserTestSupport.OTHER_ACCOUNT_ID + "-").matches("[\\w-]{16,128}");
        assertIamError(() -> delegation.createDelegationRequest(partner, delegationRequest("workflow-1").build()),
                EntityAlreadyExistsException.class, "Delegation request with name workflow-1 already exists.");

        DelegationRequest created = delegation.getDelegationRequest(root, GetDelegationRequestRequest.builder().delegationRequestId(id).build()).delegationRequest();
        assertThat(created.state()).isEqualTo(StateType.UNASSIGNED);
        assertThat(created.ownerAccountId()).isEqualTo(ACCOUNT);
        assertThat(created.requestorId()).isEqualTo(UserTestSupport.OTHER_ACCOUNT_ID);
        assertThat(created.sessionDuration()).isEqualTo(3600);
        // Unowned requests are not listed.
        assertThat(delegation.listDelegationRequests(root, ListDelegationRequestsRequest.builder().build()).delegationRequests()).isEmpty();
        // Not yet associated: the customer cannot accept it.
        assertIamError(() -> delegation.acceptDelegationRequest(root, AcceptDelegationRequestRequest.builder().delegationRequestId(id).build()),
                NoSuchEntityException.class, "The delegation request with id " + id + " cannot be found.");

        delegation.associateDelegationRequest(root, AssociateDelegationRequestRequest.builder().delegationRequestId(id).build());
        assertIamError(() -> delegation.associateDelegationRequest(root, AssociateDelegationRequestRequest.builder().delegationRequestId(id).build()),
                InvalidInputException.class, "Delegation request " + id + " is in state ASSIGNED and cannot be associated.");
        assertThat(delegation.listDelegationRequests(root, ListDelegationRequestsRequest.builder().build()).delegationRequests())
                .singleElement().satisfies(listed -> {
                    assertThat(listed.delegationRequestId()).isEqualTo(id);
                    assertThat(listed.state()).isEqualTo(StateType.ASSIGNED);
                    assertThat(listed.ownerId()).isEqualTo(root.caller().arn());
                });
        assertThat(delegation.listDelegationRequests(root, ListDelegationRequestsRequest.builder().ownerId("arn:aws:iam::" + ACCOUNT + ":user/someone-else").build()).delegationRequests()).isEmpty();

        delegation.updateDelegationRequest(root, UpdateDelegationRequestRequest.builder().delegationRequestId(id).notes("Please approve").build());
        assertThat(state(id)).isEqualTo(StateType.PENDING_APPROVAL);
        assertIamError(() -> delegation.sendDelegationToken(root, SendDelegationTokenRequest.builder().delegationRequestId(id).build()),
                InvalidInputException.class, "Delegation request " + id + " is in state PENDING_APPROVAL and cannot be finalized.");
        delegation.acceptDelegationRequest(root, AcceptDelegationRequestRequest.builder().delegationRequestId(id).build());
        assertThat(state(id)).isEqualTo(StateType.ACCEPTED);
        delegation.sendDelegationToken(root, SendDelegationTokenRequest.builder().delegationRequestId(id).build());
        DelegationRequest finalized = delegation.getDelegationRequest(partner, GetDelegationRequestRequest.builder().delegationRequestId(id).build()).delegationRequest();
        assertThat(finalized.state()).isEqualTo(StateType.FINALIZED);
        assertThat(finalized.approverId()).isEqualTo(root.caller().arn());
        assertThat(finalized.notes()).isEqualTo("Please approve");
        assertIamError(() -> delegation.rejectDelegationRequest(root, RejectDelegationRequestRequest.builder().delegationRequestId(id).build()),
                InvalidInputException.class, "Delegation request " + id + " is in state FINALIZED and cannot be rejected.");
    }

    @Test
    void delegationRequestRejectionAndVisibility()
    {
        CallContext partner = support.otherAccountRootCall();
        String id = delegation.createDelegationRequest(partner, delegationRequest("workflow-2").ownerAccountId(ACCOUNT).build()).delegationRequestId();
        // Targeted at ACCOUNT: a third account (here: a made-up id) cannot see it; nor can anyone find a made-up id.
        assertIamError(() -> delegation.getDelegationRequest(root, GetDelegationRequestRequest.builder().delegationRequestId("999999999999-NOPE0000000000000000").build()),
                NoSuchEntityException.class, "The delegation request with id 999999999999-NOPE0000000000000000 cannot be found.");
        assertIamError(() -> delegation.getDelegationRequest(root, GetDelegationRequestRequest.builder().delegationRequestId("not-an-account-prefixed-id").build()),
                NoSuchEntityException.class, "The delegation request with id not-an-account-prefixed-id cannot be found.");
        delegation.associateDelegationRequest(root, AssociateDelegationRequestRequest.builder().delegationRequestId(id).build());
        delegation.rejectDelegationRequest(root, RejectDelegationRequestRequest.builder().delegationRequestId(id).notes("Not needed").build());
        DelegationRequest rejected = delegation.getDelegationRequest(root, GetDelegationRequestRequest.builder().delegationRequestId(id).build()).delegationRequest();
        assertThat(rejected.state()).isEqualTo(StateType.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("Not needed");
        assertIamError(() -> delegation.acceptDelegationRequest(root, AcceptDelegationRequestRequest.builder().delegationRequestId(id).build()),
                InvalidInputException.class, "Delegation request " + id + " is in state REJECTED and cannot be accepted.");
        assertIamError(() -> delegation.updateDelegationRequest(root, UpdateDelegationRequestRequest.builder().delegationRequestId(id).build()),
                InvalidInputException.class, "Delegation request " + id + " is in state REJECTED and cannot be updated.");

        // A request targeted at another account cannot be associated here.
        String elsewhere = delegation.createDelegationRequest(partner, delegationRequest("workflow-3").ownerAccountId("999999999999").build()).delegationRequestId();
        assertIamError(() -> delegation.associateDelegationRequest(root, AssociateDelegationRequestRequest.builder().delegationRequestId(elsewhere).build()),
                NoSuchEntityException.class, "The delegation request with id " + elsewhere + " cannot be found.");

        assertIamError(() -> delegation.createDelegationRequest(partner, delegationRequest("workflow-4").notificationChannel("https-not-sns").build()),
                InvalidInputException.class, "NotificationChannel must be an SNS topic ARN.");
        assertIamError(() -> delegation.createDelegationRequest(partner, delegationRequest("workflow-5").permissions(DelegationPermission.builder().build()).build()),
                InvalidInputException.class, "Permissions must name a PolicyTemplateArn.");
    }

    @Test
    void onlyTheOwnerSendsTheToken()
    {
        CallContext partner = support.otherAccountRootCall();
        String id = delegation.createDelegationRequest(partner, delegationRequest("workflow-6").onlySendByOwner(true).build()).delegationRequestId();
        CallContext user = support.userCall("AIDAEXAMPLEUSER00001", "arn:aws:iam::" + ACCOUNT + ":user/approver");
        // Unassigned and not targeted: any account may associate it; the associating identity becomes the owner.
        delegation.associateDelegationRequest(user, AssociateDelegationRequestRequest.builder().delegationRequestId(id).build());
        delegation.acceptDelegationRequest(root, AcceptDelegationRequestRequest.builder().delegationRequestId(id).build());
        assertIamError(() -> delegation.sendDelegationToken(root, SendDelegationTokenRequest.builder().delegationRequestId(id).build()),
                InvalidInputException.class, "Only the owner of delegation request " + id + " can send its delegation token.");
        delegation.sendDelegationToken(user, SendDelegationTokenRequest.builder().delegationRequestId(id).build());
        assertThat(state(id)).isEqualTo(StateType.FINALIZED);
        GetDelegationRequestResponse checked = delegation.getDelegationRequest(root, GetDelegationRequestRequest.builder().delegationRequestId(id).delegationPermissionCheck(true).build());
        assertThat(checked.permissionCheckStatusAsString()).isEqualTo("COMPLETE");
        assertThat(checked.permissionCheckResultAsString()).isEqualTo("UNSURE");
    }

    @Test
    void humanReadableSummary()
    {
        CallContext partner = support.otherAccountRootCall();
        String id = delegation.createDelegationRequest(partner, delegationRequest("workflow-7").ownerAccountId(ACCOUNT).build()).delegationRequestId();
        String arn = "arn:aws:iam::" + ACCOUNT + ":delegation-request/" + id;
        GetHumanReadableSummaryResponse summary = delegation.getHumanReadableSummary(root, GetHumanReadableSummaryRequest.builder().entityArn(arn).build());
        assertThat(summary.summaryState()).isEqualTo(SummaryStateType.AVAILABLE);
        assertThat(summary.locale()).isEqualTo("en");
        assertThat(summary.summaryContent()).contains(UserTestSupport.OTHER_ACCOUNT_ID, "3600 seconds", "arn:aws:iam::aws:delegation-template/S3Backup", "Read your S3 buckets");
        GetHumanReadableSummaryResponse japanese = delegation.getHumanReadableSummary(root, GetHumanReadableSummaryRequest.builder().entityArn(arn).locale("ja-JP").build());
        assertThat(japanese.summaryState()).isEqualTo(SummaryStateType.NOT_SUPPORTED);
        assertThat(japanese.locale()).isEqualTo("ja-JP");
        assertIamError(() -> delegation.getHumanReadableSummary(root, GetHumanReadableSummaryRequest.builder().entityArn("arn:aws:iam::" + ACCOUNT + ":role/app").build()),
                InvalidInputException.class, "Human readable summaries are only supported for delegation requests: arn:aws:iam::" + ACCOUNT + ":role/app is not a delegation request ARN.");
        assertIamError(() -> delegation.getHumanReadableSummary(root, GetHumanReadableSummaryRequest.builder().entityArn("arn:aws:iam::" + ACCOUNT + ":delegation-request/" + ACCOUNT + "-MISSING0000000000000").build()),
                NoSuchEntityException.class, "The delegation request with id " + ACCOUNT + "-MISSING0000000000000 cannot be found.");
    }

    private StateType state(String id)
    {
        return delegation.getDelegationRequest(root, GetDelegationRequestRequest.builder().delegationRequestId(id).build()).delegationRequest().state();
    }
}
