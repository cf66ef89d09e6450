package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.iam.ServiceLastAccessedPolicies.ApplicablePolicy;
import dev.lanyard.services.iam.ServiceLastAccessedTargets.Target;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.AccessAdvisorUsageGranularityType;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootCredentialsManagementRequest;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootCredentialsManagementResponse;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootSessionsRequest;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootSessionsResponse;
import software.amazon.awssdk.services.iam.model.DisableOutboundWebIdentityFederationRequest;
import software.amazon.awssdk.services.iam.model.DisableOutboundWebIdentityFederationResponse;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootCredentialsManagementRequest;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootCredentialsManagementResponse;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootSessionsRequest;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootSessionsResponse;
import software.amazon.awssdk.services.iam.model.EnableOutboundWebIdentityFederationRequest;
import software.amazon.awssdk.services.iam.model.EnableOutboundWebIdentityFederationResponse;
import software.amazon.awssdk.services.iam.model.EntityDetails;
import software.amazon.awssdk.services.iam.model.EntityInfo;
import software.amazon.awssdk.services.iam.model.ErrorDetails;
import software.amazon.awssdk.services.iam.model.FeatureDisabledException;
import software.amazon.awssdk.services.iam.model.FeatureEnabledException;
import software.amazon.awssdk.services.iam.model.GenerateOrganizationsAccessReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateOrganizationsAccessReportResponse;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetOrganizationsAccessReportRequest;
import software.amazon.awssdk.services.iam.model.GetOrganizationsAccessReportResponse;
import software.amazon.awssdk.services.iam.model.GetOutboundWebIdentityFederationInfoRequest;
import software.amazon.awssdk.services.iam.model.GetOutboundWebIdentityFederationInfoResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsWithEntitiesRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsWithEntitiesResponse;
import software.amazon.awssdk.services.iam.model.GlobalEndpointTokenVersion;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesRequest;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessEntry;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessResponse;
import software.amazon.awssdk.services.iam.model.OrganizationNotFoundException;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.iam.model.SetSecurityTokenServicePreferencesRequest;
import software.amazon.awssdk.services.iam.model.SetSecurityTokenServicePreferencesResponse;
import software.amazon.awssdk.services.iam.model.TrackedActionLastAccessed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * IAM's remaining operations: delegation requests (in {@link DelegationRequests}), the AWS Organizations features,
 * outbound web identity federation, the access advisor (service last accessed, policies granting service access) and
 * the STS global endpoint token preference.
 */
public final class IamMiscOperations
{
    /** AWS's message for an account outside any organization: Lanyard has no AWS Organizations, so every account is. */
    static final String NO_ORGANIZATION = "The request was rejected because no organization is associated with your account.";
    static final String STS_PREFERENCES = "security-token-service-preferences";

    private final IamContext context;
    private final DelegationRequests delegationRequests;

    public IamMiscOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.delegationRequests = new DelegationRequests(context);
    }

    public void register(OperationRegistry registry)
    {
        delegationRequests.register(registry);
        registry.register(EnableOrganizationsRootCredentialsManagementRequest.class, this::enableOrganizationsRootCredentialsManagement);
        registry.register(DisableOrganizationsRootCredentialsManagementRequest.class, this::disableOrganizationsRootCredentialsManagement);
        registry.register(EnableOrganizationsRootSessionsRequest.class, this::enableOrganizationsRootSessions);
        registry.register(DisableOrganizationsRootSessionsRequest.class, this::disableOrganizationsRootSessions);
        registry.register(ListOrganizationsFeaturesRequest.class, this::listOrganizationsFeatures);
        registry.register(GenerateOrganizationsAccessReportRequest.class, this::generateOrganizationsAccessReport);
        registry.register(GetOrganizationsAccessReportRequest.class, this::getOrganizationsAccessReport);
        registry.register(EnableOutboundWebIdentityFederationRequest.class, this::enableOutboundWebIdentityFederation);
        registry.register(DisableOutboundWebIdentityFederationRequest.class, this::disableOutboundWebIdentityFederation);
        registry.register(GetOutboundWebIdentityFederationInfoRequest.class, this::getOutboundWebIdentityFederationInfo);
        registry.register(GenerateServiceLastAccessedDetailsRequest.class, this::generateServiceLastAccessedDetails);
        registry.register(GetServiceLastAccessedDetailsRequest.class, this::getServiceLastAccessedDetails);
        registry.register(GetServiceLastAccessedDetailsWithEntitiesRequest.class, this::getServiceLastAccessedDetailsWithEntities);
        registry.register(ListPoliciesGrantingServiceAccessRequest.class, this::listPoliciesGrantingServiceAccess);
        registry.register(SetSecurityTokenServicePreferencesRequest.class, this::setSecurityTokenServicePreferences);
    }

    // ---- AWS Organizations: every Lanyard account stands alone, so these answer as AWS does outside an organization

    public EnableOrganizationsRootCredentialsManagementResponse enableOrganizationsRootCredentialsManagement(CallContext call, EnableOrganizationsRootCredentialsManagementRequest request)
    {
        throw organizationNotFound();
    }

    public DisableOrganizationsRootCredentialsManagementResponse disableOrganizationsRootCredentialsManagement(CallContext call, DisableOrganizationsRootCredentialsManagementRequest request)
    {
        throw organizationNotFound();
    }

    public EnableOrganizationsRootSessionsResponse enableOrganizationsRootSessions(CallContext call, EnableOrganizationsRootSessionsRequest request)
    {
        throw organizationNotFound();
    }

    public DisableOrganizationsRootSessionsResponse disableOrganizationsRootSessions(CallContext call, DisableOrganizationsRootSessionsRequest request)
    {
        throw organizationNotFound();
    }

    public ListOrganizationsFeaturesResponse listOrganizationsFeatures(CallContext call, ListOrganizationsFeaturesRequest request)
    {
        throw organizationNotFound();
    }

    private static OrganizationNotFoundException organizationNotFound()
    {
        return OrganizationNotFoundException.builder().message(NO_ORGANIZATION).build();
    }

    /**
     * AWS accepts the job (its only modelled error is the concurrency limit) and reports the failure in the job: the
     * entity path names an organization the account is not the management account of.
     */
    public GenerateOrganizationsAccessReportResponse generateOrganizationsAccessReport(CallContext call, GenerateOrganizationsAccessReportRequest request)
    {
        String accountId = call.caller().accountId();
        String jobId = UUID.randomUUID().toString();
        Instant now = context.clock().instant();
        String body = EntityJson.write(new OrganizationsAccessReportJob(request.entityPath(), request.organizationsPolicyId(), now.toString()));
        context.store().write(transaction -> {
            transaction.insertEntity(Entity.create(accountId, OrganizationsAccessReportJob.KIND, jobId, jobId, "/", body, now));
            return null;
        });
        return GenerateOrganizationsAccessReportResponse.builder().jobId(jobId).build();
    }

    public GetOrganizationsAccessReportResponse getOrganizationsAccessReport(CallContext call, GetOrganizationsAccessReportRequest request)
    {
        String accountId = call.caller().accountId();
        Entity job = context.store().read(transaction -> transaction.entityById(accountId, OrganizationsAccessReportJob.KIND, request.jobId()))
                .orElseThrow(() -> noSuchJob(request.jobId()));
        OrganizationsAccessReportJob body = EntityJson.read(job.body(), OrganizationsAccessReportJob.class);
        Instant created = Instant.parse(body.createDate());
        return GetOrganizationsAccessReportResponse.builder()
                .jobStatus(JobStatusType.FAILED)
                .jobCreationDate(created)
                .jobCompletionDate(created)
                .errorDetails(ErrorDetails.builder().code("OrganizationNotFoundException").message(NO_ORGANIZATION).build())
                .build();
    }

    // ---- outbound web identity federation

    public EnableOutboundWebIdentityFederationResponse enableOutboundWebIdentityFederation(CallContext call, EnableOutboundWebIdentityFederationRequest request)
    {
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        OutboundFederationSettings enabled = context.store().write(transaction -> {
            Optional<OutboundFederationSettings> current = outboundFederation(transaction, accountId);
            if (current.isPresent() && current.get().enabled()) {
                throw FeatureEnabledException.builder().message("Outbound identity federation is already enabled for this account.").build();
            }
            // The issuer is unique per account and stable across disable/enable, as AWS's is.
            String issuer = current.map(OutboundFederationSettings::issuerIdentifier)
                    .orElseGet(() -> "https://" + UUID.randomUUID() + ".tokens.sts.global.api.aws");
            OutboundFederationSettings settings = new OutboundFederationSettings(true, issuer);
            AccountSettings.put(transaction, accountId, OutboundFederationSettings.NAME, EntityJson.write(settings), now);
            return settings;
        });
        return EnableOutboundWebIdentityFederationResponse.builder().issuerIdentifier(enabled.issuerIdentifier()).build();
    }

    public DisableOutboundWebIdentityFederationResponse disableOutboundWebIdentityFederation(CallContext call, DisableOutboundWebIdentityFederationRequest request)
    {
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            OutboundFederationSettings current = outboundFederation(transaction, accountId)
                    .filter(OutboundFederationSettings::enabled)
                    .orElseThrow(IamMiscOperations::featureDisabled);
            AccountSettings.put(transaction, accountId, OutboundFederationSettings.NAME, EntityJson.write(new OutboundFederationSettings(false, current.issuerIdentifier())), now);
            return null;
        });
        return DisableOutboundWebIdentityFederationResponse.builder().build();
    }

    public GetOutboundWebIdentityFederationInfoResponse getOutboundWebIdentityFederationInfo(CallContext call, GetOutboundWebIdentityFederationInfoRequest request)
    {
        String accountId = call.caller().accountId();
        OutboundFederationSettings settings = context.store().read(transaction -> outboundFederation(transaction, accountId))
                .filter(OutboundFederationSettings::enabled)
                .orElseThrow(IamMiscOperations::featureDisabled);
        return GetOutboundWebIdentityFederationInfoResponse.builder()
                .issuerIdentifier(settings.issuerIdentifier())
                .jwtVendingEnabled(true)
                .build();
    }

    private static FeatureDisabledException featureDisabled()
    {
        return FeatureDisabledException.builder().message("Outbound identity federation is disabled for this account.").build();
    }

    /** The account's outbound federation setting, for GetWebIdentityToken (STS) and the operations here. */
    public static Optional<OutboundFederationSettings> outboundFederation(ReadTransaction transaction, String accountId)
    {
        return transaction.entityByName(accountId, EntityKinds.ACCOUNT_SETTINGS, OutboundFederationSettings.NAME)
                .map(entity -> EntityJson.read(entity.body(), OutboundFederationSettings.class));
    }

    // ---- STS preferences

    /** The stored body of the STS preferences setting. */
    public record StsPreferences(String globalEndpointTokenVersion)
    {
        public StsPreferences
        {
            requireNonNull(globalEndpointTokenVersion, "globalEndpointTokenVersion is null");
        }
    }

    public SetSecurityTokenServicePreferencesResponse setSecurityTokenServicePreferences(CallContext call, SetSecurityTokenServicePreferencesRequest request)
    {
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        String body = EntityJson.write(new StsPreferences(request.globalEndpointTokenVersionAsString()));
        context.store().write(transaction -> {
            AccountSettings.put(transaction, accountId, STS_PREFERENCES, body, now);
            return null;
        });
        return SetSecurityTokenServicePreferencesResponse.builder().build();
    }

    /** GetAccountSummary's GlobalEndpointTokenVersion: 1 (AWS's default, tokens valid in default Regions) or 2. */
    public static int globalEndpointTokenVersion(ReadTransaction transaction, String accountId)
    {
        return transaction.entityByName(accountId, EntityKinds.ACCOUNT_SETTINGS, STS_PREFERENCES)
                .map(entity -> EntityJson.read(entity.body(), StsPreferences.class).globalEndpointTokenVersion())
                .filter(version -> version.equals(GlobalEndpointTokenVersion.V2_TOKEN.toString()))
                .map(version -> 2)
                .orElse(1);
    }

    // ---- access advisor

    /**
     * Computes the report at once (AWS answers IN_PROGRESS for a while; here the first Get sees COMPLETED). Lanyard does
     * not track service usage yet, so the report lists the services the target's policies allow, each with
     * TotalAuthenticatedEntities 0 and no LastAuthenticated: exactly what AWS reports for services never used.
     */
    public GenerateServiceLastAccessedDetailsResponse generateServiceLastAccessedDetails(CallContext call, GenerateServiceLastAccessedDetailsRequest request)
    {
        String accountId = call.caller().accountId();
        AccessAdvisorUsageGranularityType granularity = request.granularity() == null ? AccessAdvisorUsageGranularityType.SERVICE_LEVEL : request.granularity();
        Instant now = context.clock().instant();
        String jobId = UUID.randomUUID().toString();
        context.store().write(transaction -> {
            ServiceLastAccessedJob job = computeJob(transaction, accountId, request.arn(), granularity, now);
            transaction.insertEntity(Entity.create(accountId, ServiceLastAccessedJob.KIND, jobId, jobId, "/", EntityJson.write(job), now));
            return null;
        });
        return GenerateServiceLastAccessedDetailsResponse.builder().jobId(jobId).build();
    }

    private static ServiceLastAccessedJob computeJob(ReadTransaction transaction, String accountId, String arn, AccessAdvisorUsageGranularityType granularity, Instant now)
    {
        Target target = ServiceLastAccessedTargets.resolve(transaction, accountId, arn, true);
        List<String> documents = new ArrayList<>();
        List<EntityInfo> entities = new ArrayList<>();
        if (target.policy().isPresent()) {
            documents.add(target.policy().get().document());
            entities.addAll(ServiceLastAccessedTargets.attachedEntities(transaction, accountId, arn));
        }
        else {
            Entity principal = target.principal().orElseThrow();
            ServiceLastAccessedPolicies.forPrincipal(transaction, accountId, target.kind(), principal).forEach(policy -> documents.add(policy.document()));
            if (target.kind().equals(EntityKinds.GROUP)) {
                UserEntities.membersOf(transaction, accountId, principal.id()).forEach(user -> entities.add(ServiceLastAccessedTargets.entityInfo(EntityKinds.USER, user)));
            }
            else {
                entities.add(ServiceLastAccessedTargets.entityInfo(target.kind(), principal));
            }
        }
        TreeSet<String> namespaces = new TreeSet<>();
        documents.forEach(document -> namespaces.addAll(ServiceLastAccessedPolicies.allowedNamespaces(document)));
        List<ServiceLastAccessedJob.Service> services = new ArrayList<>();
        for (String namespace : namespaces) {
            List<String> actions = null;
            Optional<List<String>> tracked = ServiceLastAccessedCatalog.trackedActions(namespace);
            if (granularity == AccessAdvisorUsageGranularityType.ACTION_LEVEL && tracked.isPresent()) {
                TreeSet<String> allowed = new TreeSet<>();
                documents.forEach(document -> allowed.addAll(ServiceLastAccessedPolicies.allowedActions(document, namespace, tracked.get())));
                actions = List.copyOf(allowed);
            }
            services.add(new ServiceLastAccessedJob.Service(namespace, ServiceLastAccessedCatalog.name(namespace), actions));
        }
        List<ServiceLastAccessedJob.EntityEntry> entries = entities.stream()
                .map(entity -> new ServiceLastAccessedJob.EntityEntry(entity.arn(), entity.name(), entity.typeAsString(), entity.id(), entity.path()))
                .toList();
        return new ServiceLastAccessedJob(arn, granularity.toString(), now.toString(), services, entries);
    }

    public GetServiceLastAccessedDetailsResponse getServiceLastAccessedDetails(CallContext call, GetServiceLastAccessedDetailsRequest request)
    {
        ServiceLastAccessedJob job = serviceJob(call, request.jobId());
        Instant created = Instant.parse(job.createDate());
        IndexPage<ServiceLastAccessedJob.Service> page = indexPage(job.services(), request.marker(), request.maxItems());
        List<ServiceLastAccessed> services = page.items().stream().map(service -> {
            ServiceLastAccessed.Builder builder = ServiceLastAccessed.builder()
                    .serviceName(service.name())
                    .serviceNamespace(service.namespace())
                    .totalAuthenticatedEntities(0);
            if (service.actions() != null) {
                builder.trackedActionsLastAccessed(service.actions().stream().map(action -> TrackedActionLastAccessed.builder().actionName(action).build()).toList());
            }
            return builder.build();
        }).toList();
        return GetServiceLastAccessedDetailsResponse.builder()
                .jobStatus(JobStatusType.COMPLETED)
                .jobType(job.granularity())
                .jobCreationDate(created)
                .jobCompletionDate(created)
                .servicesLastAccessed(services)
                .isTruncated(page.truncated())
                .marker(page.marker())
                .build();
    }

    public GetServiceLastAccessedDetailsWithEntitiesResponse getServiceLastAccessedDetailsWithEntities(CallContext call, GetServiceLastAccessedDetailsWithEntitiesRequest request)
    {
        ServiceLastAccessedJob job = serviceJob(call, request.jobId());
        Instant created = Instant.parse(job.createDate());
        boolean covered = job.services().stream().anyMatch(service -> service.namespace().equalsIgnoreCase(request.serviceNamespace()));
        List<ServiceLastAccessedJob.EntityEntry> entities = covered ? job.entities() : List.of();
        IndexPage<ServiceLastAccessedJob.EntityEntry> page = indexPage(entities, request.marker(), request.maxItems());
        List<EntityDetails> details = page.items().stream()
                .map(entity -> EntityDetails.builder()
                        .entityInfo(EntityInfo.builder().arn(entity.arn()).name(entity.name()).type(entity.type()).id(entity.id()).path(entity.path()).build())
                        .build())
                .toList();
        return GetServiceLastAccessedDetailsWithEntitiesResponse.builder()
                .jobStatus(JobStatusType.COMPLETED)
                .jobCreationDate(created)
                .jobCompletionDate(created)
                .entityDetailsList(details)
                .isTruncated(page.truncated())
                .marker(page.marker())
                .build();
    }

    private ServiceLastAccessedJob serviceJob(CallContext call, String jobId)
    {
        String accountId = call.caller().accountId();
        return context.store().read(transaction -> transaction.entityById(accountId, ServiceLastAccessedJob.KIND, jobId))
                .map(entity -> EntityJson.read(entity.body(), ServiceLastAccessedJob.class))
                .orElseThrow(() -> noSuchJob(jobId));
    }

    private static RuntimeException noSuchJob(String jobId)
    {
        return IamErrors.noSuchEntity("No such job id: " + jobId);
    }

    /**
     * For a user, role or group: per requested namespace, the policies that allow some action of it (for a user also its
     * groups' policies). The list is short (a principal has at most a few dozen policies), so one page holds it all.
     */
    public ListPoliciesGrantingServiceAccessResponse listPoliciesGrantingServiceAccess(CallContext call, ListPoliciesGrantingServiceAccessRequest request)
    {
        String accountId = call.caller().accountId();
        List<ApplicablePolicy> policies = context.store().read(transaction -> {
            Target target = ServiceLastAccessedTargets.resolve(transaction, accountId, request.arn(), false);
            return ServiceLastAccessedPolicies.forPrincipal(transaction, accountId, target.kind(), target.principal().orElseThrow());
        });
        Map<String, ListPoliciesGrantingServiceAccessEntry> entries = new TreeMap<>();
        List<ListPoliciesGrantingServiceAccessEntry> result = new ArrayList<>();
        for (String namespace : request.serviceNamespaces()) {
            if (entries.containsKey(namespace)) {
                continue;
            }
            List<PolicyGrantingServiceAccess> granting = policies.stream()
                    .filter(policy -> ServiceLastAccessedPolicies.allowsNamespace(policy.document(), namespace))
                    .map(IamMiscOperations::granting)
                    .toList();
            ListPoliciesGrantingServiceAccessEntry entry = ListPoliciesGrantingServiceAccessEntry.builder().serviceNamespace(namespace).policies(granting).build();
            entries.put(namespace, entry);
            result.add(entry);
        }
        return ListPoliciesGrantingServiceAccessResponse.builder().policiesGrantingServiceAccess(result).isTruncated(false).build();
    }

    private static PolicyGrantingServiceAccess granting(ApplicablePolicy policy)
    {
        PolicyGrantingServiceAccess.Builder builder = PolicyGrantingServiceAccess.builder().policyName(policy.policyName()).policyType(policy.type());
        if (policy.policyArn() != null) {
            builder.policyArn(policy.policyArn());
        }
        if (policy.ownerType() != null) {
            PolicyOwnerEntityType ownerType = policy.ownerType();
            builder.entityType(ownerType).entityName(policy.ownerName());
        }
        return builder.build();
    }

    // ---- paging over a stored report: the marker is the index of the next item

    private record IndexPage<T>(List<T> items, boolean truncated, String marker) {}

    private static <T> IndexPage<T> indexPage(List<T> all, String marker, Integer maxItems)
    {
        int start = 0;
        String after = IamPaging.afterName(marker);
        if (after != null) {
            try {
                start = Integer.parseInt(after);
            }
            catch (NumberFormatException malformed) {
                throw IamErrors.invalidInput("Invalid Marker.");
            }
            if (start < 0 || start > all.size()) {
                throw IamErrors.invalidInput("Invalid Marker.");
            }
        }
        int limit = maxItems == null ? IamPaging.DEFAULT_MAX_ITEMS : maxItems;
        int end = Math.min(all.size(), start + limit);
        boolean truncated = end < all.size();
        return new IndexPage<>(List.copyOf(all.subList(start, end)), truncated, truncated ? IamPaging.marker(Integer.toString(end)) : null);
    }
}
