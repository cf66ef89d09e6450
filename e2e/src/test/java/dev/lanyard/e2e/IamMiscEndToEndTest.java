package dev.lanyard.e2e;

import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessAdvisorUsageGranularityType;
import software.amazon.awssdk.services.iam.model.DelegationPermission;
import software.amazon.awssdk.services.iam.model.DelegationRequest;
import software.amazon.awssdk.services.iam.model.GetOrganizationsAccessReportResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GlobalEndpointTokenVersion;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessEntry;
import software.amazon.awssdk.services.iam.model.OrganizationNotFoundException;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.iam.model.StateType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.SummaryStateType;
import software.amazon.awssdk.services.iam.model.TrackedActionLastAccessed;

import java.util.List;

import static dev.lanyard.e2e.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM's remaining operations (delegation requests, Organizations, outbound federation, access advisor, STS preferences) through the AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamMiscEndToEndTest
{
    private static final String ACCOUNT = TestServer.ACCOUNT_ID;
    private static final String NO_ORGANIZATION = "The request was rejected because no organization is associated with your account.";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());

    private static String allow(String... actions)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"" + String.join("\",\"", actions) + "\"],\"Resource\":\"*\"}]}";
    }

    @Test
    void organizationsFeatures()
    {
        assertAwsError(() -> iam.listOrganizationsFeatures(request -> {}), 400, "OrganizationNotFoundException", NO_ORGANIZATION);
        assertThatThrownBy(() -> iam.listOrganizationsFeatures(request -> {})).isInstanceOf(OrganizationNotFoundException.class);
        assertAwsError(() -> iam.enableOrganizationsRootCredentialsManagement(request -> {}), 400, "OrganizationNotFoundException", NO_ORGANIZATION);
        assertAwsError(() -> iam.disableOrganizationsRootCredentialsManagement(request -> {}), 400, "OrganizationNotFoundException", NO_ORGANIZATION);
        assertAwsError(() -> iam.enableOrganizationsRootSessions(request -> {}), 400, "OrganizationNotFoundException", NO_ORGANIZATION);
        assertAwsError(() -> iam.disableOrganizationsRootSessions(request -> {}), 400, "OrganizationNotFoundException", NO_ORGANIZATION);

        String jobId = iam.generateOrganizationsAccessReport(request -> request.entityPath("o-a1b2c3d4e5/r-f6g7h8i9j0example")).jobId();
        GetOrganizationsAccessReportResponse report = iam.getOrganizationsAccessReport(request -> request.jobId(jobId));
        assertThat(report.jobStatus()).isEqualTo(JobStatusType.FAILED);
        assertThat(report.errorDetails().message()).isEqualTo(NO_ORGANIZATION);
        String missing = "00000000-0000-0000-0000-000000000000";
        assertAwsError(() -> iam.getOrganizationsAccessReport(request -> request.jobId(missing)), 404, "NoSuchEntity", "No such job id: " + missing);
        // The model's constraints hold: an entity path that is not an organization path is refused before anything else.
        assertAwsError(() -> iam.generateOrganizationsAccessReport(request -> request.entityPath("not-an-organization-path")), 400, "ValidationError", null);
    }

    @Test
    void outboundWebIdentityFederation()
    {
        String disabled = "Outbound identity federation is disabled for this account.";
        assertAwsError(() -> iam.getOutboundWebIdentityFederationInfo(request -> {}), 404, "FeatureDisabled", disabled);
        assertAwsError(() -> iam.disableOutboundWebIdentityFederation(request -> {}), 404, "FeatureDisabled", disabled);
        String issuer = iam.enableOutboundWebIdentityFederation(request -> {}).issuerIdentifier();
        assertThat(issuer).startsWith("https://").endsWith(".tokens.sts.global.api.aws");
        assertAwsError(() -> iam.enableOutboundWebIdentityFederation(request -> {}), 409, "FeatureEnabled", "Outbound identity federation is already enabled for this account.");
        assertThat(iam.getOutboundWebIdentityFederationInfo(request -> {}).issuerIdentifier()).isEqualTo(issuer);
        assertThat(iam.getOutboundWebIdentityFederationInfo(request -> {}).jwtVendingEnabled()).isTrue();
        iam.disableOutboundWebIdentityFederation(request -> {});
        assertAwsError(() -> iam.getOutboundWebIdentityFederationInfo(request -> {}), 404, "FeatureDisabled", disabled);
    }

    @Test
    void securityTokenServicePreferences()
    {
        iam.setSecurityTokenServicePreferences(request -> request.globalEndpointTokenVersion(GlobalEndpointTokenVersion.V2_TOKEN));
        assertThat(iam.getAccountSummary(request -> {}).summaryMap()).containsEntry(SummaryKeyType.GLOBAL_ENDPOINT_TOKEN_VERSION, 2);
        iam.setSecurityTokenServicePreferences(request -> request.globalEndpointTokenVersion(GlobalEndpointTokenVersion.V1_TOKEN));
        assertThat(iam.getAccountSummary(request -> {}).summaryMap()).containsEntry(SummaryKeyType.GLOBAL_ENDPOINT_TOKEN_VERSION, 1);
        assertAwsError(() -> iam.setSecurityTokenServicePreferences(request -> request.globalEndpointTokenVersion("v3Token")), 400, "ValidationError", null);
    }

    @Test
    void accessAdvisor()
    {
        iam.createUser(request -> request.userName("advisor-user"));
        iam.createGroup(request -> request.groupName("advisor-group"));
        iam.addUserToGroup(request -> request.userName("advisor-user").groupName("advisor-group"));
        iam.putUserPolicy(request -> request.userName("advisor-user").policyName("iam-read").policyDocument(allow("iam:Get*")));
        iam.attachGroupPolicy(request -> request.groupName("advisor-group").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        String userArn = "arn:aws:iam::" + ACCOUNT + ":user/advisor-user";

        String jobId = iam.generateServiceLastAccessedDetails(request -> request.arn(userArn).granularity(AccessAdvisorUsageGranularityType.ACTION_LEVEL)).jobId();
        GetServiceLastAccessedDetailsResponse details = iam.getServiceLastAccessedDetails(request -> request.jobId(jobId));
        assertThat(details.jobStatus()).isEqualTo(JobStatusType.COMPLETED);
        assertThat(details.jobCompletionDate()).isNotNull();
        assertThat(details.servicesLastAccessed()).extracting(ServiceLastAccessed::serviceNamespace).contains("iam", "s3");
        ServiceLastAccessed iamService = details.servicesLastAccessed().stream().filter(service -> service.serviceNamespace().equals("iam")).findFirst().orElseThrow();
        assertThat(iamService.totalAuthenticatedEntities()).isZero();
        assertThat(iamService.lastAuthenticated()).isNull();
        assertThat(iamService.trackedActionsLastAccessed()).extracting(TrackedActionLastAccessed::actionName).contains("GetRole", "GetUser").doesNotContain("CreateUser");

        GetServiceLastAccessedDetailsResponse page = iam.getServiceLastAccessedDetails(request -> request.jobId(jobId).maxItems(1));
        assertThat(page.isTruncated()).isTrue();
        assertThat(iam.getServiceLastAccessedDetails(request -> request.jobId(jobId).maxItems(1).marker(page.marker())).servicesLastAccessed()).hasSize(1);

        assertThat(iam.getServiceLastAccessedDetailsWithEntities(request -> request.jobId(jobId).serviceNamespace("s3")).entityDetailsList())
                .singleElement().satisfies(entity -> assertThat(entity.entityInfo().arn()).isEqualTo(userArn));

        List<ListPoliciesGrantingServiceAccessEntry> granting = iam.listPoliciesGrantingServiceAccess(request -> request.arn(userArn).serviceNamespaces("s3", "iam"))
                .policiesGrantingServiceAccess();
        assertThat(granting.get(0).policies()).extracting(PolicyGrantingServiceAccess::policyName).containsExactly("AmazonS3ReadOnlyAccess");
        assertThat(granting.get(1).policies()).extracting(PolicyGrantingServiceAccess::policyName).containsExactly("iam-read");

        String missing = "00000000-0000-0000-0000-000000000000";
        assertAwsError(() -> iam.getServiceLastAccessedDetails(request -> request.jobId(missing)), 404, "NoSuchEntity", "No such job id: " + missing);
        assertAwsError(() -> iam.getServiceLastAccessedDetailsWithEntities(request -> request.jobId(missing).serviceNamespace("s3")), 404, "NoSuchEntity", "No such job id: " + missing);
        assertAwsError(() -> iam.getServiceLastAccessedDetails(request -> request.jobId(jobId).marker("%%%")), 400, "InvalidInput", "Invalid Marker.");
        assertAwsError(() -> iam.generateServiceLastAccessedDetails(request -> request.arn("arn:aws:iam::" + ACCOUNT + ":user/nobody")), 404, "NoSuchEntity",
                "The user with name nobody cannot be found.");
        assertAwsError(() -> iam.generateServiceLastAccessedDetails(request -> request.arn("arn:aws:iam::" + ACCOUNT + ":mfa/device")), 400, "InvalidInput",
                "ARN arn:aws:iam::" + ACCOUNT + ":mfa/device is not valid.");
        assertAwsError(() -> iam.listPoliciesGrantingServiceAccess(request -> request.arn("arn:aws:iam::" + ACCOUNT + ":role/nobody").serviceNamespaces("s3")), 404, "NoSuchEntity",
                "The role with name nobody cannot be found.");
        assertAwsError(() -> iam.listPoliciesGrantingServiceAccess(request -> request.arn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess").serviceNamespaces("s3")), 400, "InvalidInput",
                "ARN arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess is not valid.");
    }

    @Test
    void delegationRequests()
    {
        String id = iam.createDelegationRequest(request -> request
                .description("Backup product access")
                .permissions(DelegationPermission.builder().policyTemplateArn("arn:aws:iam::aws:delegation-template/S3Backup").build())
                .requestorWorkflowId("workflow-e2e")
                .notificationChannel("arn:aws:sns:us-east-1:" + ACCOUNT + ":partner")
                .sessionDuration(900)).delegationRequestId();
        assertAwsError(() -> iam.createDelegationRequest(request -> request
                        .description("again")
                        .permissions(DelegationPermission.builder().policyTemplateArn("arn:aws:iam::aws:delegation-template/S3Backup").build())
                        .requestorWorkflowId("workflow-e2e")
                        .notificationChannel("arn:aws:sns:us-east-1:" + ACCOUNT + ":partner")
                        .sessionDuration(900)),
                409, "EntityAlreadyExists", "Delegation request with name workflow-e2e already exists.");
        assertAwsError(() -> iam.createDelegationRequest(request -> request
                        .description("bad channel")
                        .permissions(DelegationPermission.builder().policyTemplateArn("arn:aws:iam::aws:delegation-template/S3Backup").build())
                        .requestorWorkflowId("workflow-e2e-2")
                        .notificationChannel("not-sns")
                        .sessionDuration(900)),
                400, "InvalidInput", "NotificationChannel must be an SNS topic ARN.");

        assertThat(iam.getDelegationRequest(request -> request.delegationRequestId(id)).delegationRequest().state()).isEqualTo(StateType.UNASSIGNED);
        assertAwsError(() -> iam.acceptDelegationRequest(request -> request.delegationRequestId(id)), 404, "NoSuchEntity",
                "The delegation request with id " + id + " cannot be found.");
        iam.associateDelegationRequest(request -> request.delegationRequestId(id));
        assertAwsError(() -> iam.associateDelegationRequest(request -> request.delegationRequestId(id)), 400, "InvalidInput",
                "Delegation request " + id + " is in state ASSIGNED and cannot be associated.");
        assertThat(iam.listDelegationRequests(request -> {}).delegationRequests()).extracting(DelegationRequest::delegationRequestId).containsExactly(id);
        iam.updateDelegationRequest(request -> request.delegationRequestId(id).notes("for review"));
        assertAwsError(() -> iam.sendDelegationToken(request -> request.delegationRequestId(id)), 400, "InvalidInput",
                "Delegation request " + id + " is in state PENDING_APPROVAL and cannot be finalized.");
        iam.acceptDelegationRequest(request -> request.delegationRequestId(id));
        iam.sendDelegationToken(request -> request.delegationRequestId(id));
        DelegationRequest finalized = iam.getDelegationRequest(request -> request.delegationRequestId(id)).delegationRequest();
        assertThat(finalized.state()).isEqualTo(StateType.FINALIZED);
        assertThat(finalized.notes()).isEqualTo("for review");
        assertThat(finalized.ownerId()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertAwsError(() -> iam.rejectDelegationRequest(request -> request.delegationRequestId(id)), 400, "InvalidInput",
                "Delegation request " + id + " is in state FINALIZED and cannot be rejected.");
        assertAwsError(() -> iam.getDelegationRequest(request -> request.delegationRequestId(ACCOUNT + "-MISSING0000000000000")), 404, "NoSuchEntity",
                "The delegation request with id " + ACCOUNT + "-MISSING0000000000000 cannot be found.");

        var summary = iam.getHumanReadableSummary(request -> request.entityArn("arn:aws:iam::" + ACCOUNT + ":delegation-request/" + id).locale("en-US"));
        assertThat(summary.summaryState()).isEqualTo(SummaryStateType.AVAILABLE);
        assertThat(summary.summaryContent()).contains("900 seconds");
        assertAwsError(() -> iam.getHumanReadableSummary(request -> request.entityArn("arn:aws:iam::" + ACCOUNT + ":user/advisor-user")), 400, "InvalidInput",
                "Human readable summaries are only supported for delegation requests: arn:aws:iam::" + ACCOUNT + ":user/advisor-user is not a delegation request ARN.");
    }
}
