package dev.lanyard.services.iam;

import dev.lanyard.policy.MalformedPolicyException;
import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.PolicyDocuments;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.iam.AwsManagedPolicies.AwsManagedPolicy;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.StoreException;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.iam.model.AttachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.DetachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagPolicyRequest;
import software.amazon.awssdk.services.iam.model.TagPolicyResponse;
import software.amazon.awssdk.services.iam.model.UntagPolicyRequest;
import software.amazon.awssdk.services.iam.model.UntagPolicyResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** IAM: managed policies, versions, attachments and the AWS managed policy catalog. */
public final class ManagedPolicyOperations
{
    /** IAM's default quotas (the ones an account has until it asks AWS for more). */
    static final int MAX_VERSIONS = 5;
    static final int MAX_MANAGED_POLICY_SIZE = 6_144;
    static final int MAX_ATTACHED_POLICIES = 10;

    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy(/|/.*/)([^/]+)");
    private static final String AWS_MANAGED_MARKER_PREFIX = "aws:";
    private static final String LOCAL_MARKER_PREFIX = "local:";

    private final IamContext iam;

    public ManagedPolicyOperations(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreatePolicyRequest.class, this::createPolicy);
        registry.register(GetPolicyRequest.class, this::getPolicy);
        registry.register(ListPoliciesRequest.class, this::listPolicies);
        registry.register(DeletePolicyRequest.class, this::deletePolicy);
        registry.register(CreatePolicyVersionRequest.class, this::createPolicyVersion);
        registry.register(GetPolicyVersionRequest.class, this::getPolicyVersion);
        registry.register(ListPolicyVersionsRequest.class, this::listPolicyVersions);
        registry.register(DeletePolicyVersionRequest.class, this::deletePolicyVersion);
        registry.register(SetDefaultPolicyVersionRequest.class, this::setDefaultPolicyVersion);
        registry.register(TagPolicyRequest.class, this::tagPolicy);
        registry.register(UntagPolicyRequest.class, this::untagPolicy);
        registry.register(ListPolicyTagsRequest.class, this::listPolicyTags);
        registry.register(AttachRolePolicyRequest.class, this::attachRolePolicy);
        registry.register(DetachRolePolicyRequest.class, this::detachRolePolicy);
        registry.register(AttachUserPolicyRequest.class, this::attachUserPolicy);
        registry.register(DetachUserPolicyRequest.class, this::detachUserPolicy);
        registry.register(AttachGroupPolicyRequest.class, this::attachGroupPolicy);
        registry.register(DetachGroupPolicyRequest.class, this::detachGroupPolicy);
        registry.register(ListAttachedRolePoliciesRequest.class, this::listAttachedRolePolicies);
        registry.register(ListAttachedUserPoliciesRequest.class, this::listAttachedUserPolicies);
        registry.register(ListAttachedGroupPoliciesRequest.class, this::listAttachedGroupPolicies);
        registry.register(ListEntitiesForPolicyRequest.class, this::listEntitiesForPolicy);
    }

    // ---- policies

    public CreatePolicyResponse createPolicy(CallContext context, CreatePolicyRequest request)
    {
        String accountId = context.caller().accountId();
        String path = request.path() == null ? "/" : request.path();
        validateDocument(request.policyDocument());
        List<StoredTag> tags = EntityTags.fromRequest(request.tags(), EntityTags.Taggable.MANAGED_POLICY);
        Instant now = iam.clock().instant();
        ManagedPolicyBody body = new ManagedPolicyBody(
                request.description(),
                "v1",
                2,
                List.of(new ManagedPolicyBody.Version("v1", request.policyDocument(), now.toString())),
                tags);
        Entity entity = Entity.create(accountId, EntityKinds.MANAGED_POLICY, IamIds.newId(IamIds.MANAGED_POLICY), request.policyName(), path, EntityJson.write(body), now);
        try {
            iam.store().write(transaction -> {
                transaction.insertEntity(entity);
                return null;
            });
        }
        catch (StoreException.Conflict duplicate) {
            throw EntityAlreadyExistsException.builder().message("A policy called " + request.policyName() + " already exists. Duplicate names are not allowed.").build();
        }
        // CreatePolicy answers with the tags but without the Description, as IAM does.
        Policy policy = customerPolicy(entity, body, new Usage(0, 0), false, true);
        return CreatePolicyResponse.builder().policy(policy).build();
    }

    public GetPolicyResponse getPolicy(CallContext context, GetPolicyRequest request)
    {
        String accountId = context.caller().accountId();
        Policy policy = iam.store().read(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), notFound(request.policyArn()));
            return describe(transaction, accountId, target, true);
        });
        return GetPolicyResponse.builder().policy(policy).build();
    }

    public ListPoliciesResponse listPolicies(CallContext context, ListPoliciesRequest request)
    {
        String accountId = context.caller().accountId();
        PolicyScopeType scope = request.scope() == null ? PolicyScopeType.ALL : request.scope();
        boolean onlyAttached = Boolean.TRUE.equals(request.onlyAttached());
        String pathPrefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        int limit = IamPaging.fetchSize(request.maxItems()) - 1;
        String after = IamPaging.afterName(request.marker());
        boolean awsDone = after != null && after.startsWith(LOCAL_MARKER_PREFIX);
        String afterAws = after != null && after.startsWith(AWS_MANAGED_MARKER_PREFIX) ? after.substring(AWS_MANAGED_MARKER_PREFIX.length()) : null;
        String afterLocal = awsDone ? after.substring(LOCAL_MARKER_PREFIX.length()) : null;
        if (after != null && !awsDone && afterAws == null) {
            throw IamErrors.invalidInput("Invalid Marker.");
        }

        return iam.store().read(transaction -> {
            // Collect up to limit + 1 matching policies: the extra one tells whether the listing is truncated.
            List<Policy> found = new ArrayList<>();
            List<String> markers = new ArrayList<>();
            if (!awsDone && scope != PolicyScopeType.LOCAL) {
                for (AwsManagedPolicy policy : AwsManagedPolicies.all()) {
                    if (found.size() > limit) {
                        break;
                    }
                    if (afterAws != null && policy.name().compareToIgnoreCase(afterAws) <= 0) {
                        continue;
                    }
                    if (!policy.path().startsWith(pathPrefix)) {
                        continue;
                    }
                    PolicyTarget target = PolicyTarget.of(policy);
                    Usage usage = usage(transaction, accountId, target.linkId());
                    if (onlyAttached && !usage.matches(request.policyUsageFilter())) {
                        continue;
                    }
                    found.add(awsPolicy(policy, usage, false));
                    markers.add(AWS_MANAGED_MARKER_PREFIX + policy.name());
                }
            }
            if (scope != PolicyScopeType.AWS) {
                String afterName = afterLocal;
                boolean exhausted = false;
                while (found.size() <= limit && !exhausted) {
                    List<Entity> page = transaction.entities(accountId, EntityKinds.MANAGED_POLICY, pathPrefix, afterName, limit + 1);
                    exhausted = page.size() < limit + 1;
                    for (Entity entity : page) {
                        afterName = entity.name();
                        if (found.size() > limit) {
                            break;
                        }
                        Usage usage = usage(transaction, accountId, entity.id());
                        if (onlyAttached && !usage.matches(request.policyUsageFilter())) {
                            continue;
                        }
                        ManagedPolicyBody body = EntityJson.read(entity.body(), ManagedPolicyBody.class);
                        found.add(customerPolicy(entity, body, usage, false, false));
                        markers.add(LOCAL_MARKER_PREFIX + entity.name());
                    }
                }
            }
            ListPoliciesResponse.Builder response = ListPoliciesResponse.builder();
            if (found.size() > limit) {
                response.policies(found.subList(0, limit))
                        .isTruncated(true)
                        .marker(IamPaging.marker(markers.get(limit - 1)));
            }
            else {
                response.policies(found).isTruncated(false);
            }
            return response.build();
        });
    }

    public DeletePolicyResponse deletePolicy(CallContext context, DeletePolicyRequest request)
    {
        String accountId = context.caller().accountId();
        iam.store().write(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), notFound(request.policyArn()));
            Entity entity = customerOnly(context, target, "DeletePolicy");
            Usage usage = usage(transaction, accountId, entity.id());
            if (usage.attachments() > 0 || usage.boundaries() > 0) {
                throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
            }
            ManagedPolicyBody body = EntityJson.read(entity.body(), ManagedPolicyBody.class);
            if (body.versions().size() > 1) {
                throw IamErrors.deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
            }
            transaction.deleteEntity(accountId, EntityKinds.MANAGED_POLICY, entity.id());
            return null;
        });
        return DeletePolicyResponse.builder().build();
    }

    // ---- versions

    public CreatePolicyVersionResponse createPolicyVersion(CallContext context, CreatePolicyVersionRequest request)
    {
        String accountId = context.caller().accountId();
        validateDocument(request.policyDocument());
        boolean setAsDefault = Boolean.TRUE.equals(request.setAsDefault());
        ManagedPolicyBody.Version created = iam.store().write(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), notFound(request.policyArn()));
            Entity entity = customerOnly(context, target, "CreatePolicyVersion");
            ManagedPolicyBody body = EntityJson.read(entity.body(), ManagedPolicyBody.class);
            if (body.versions().size() >= MAX_VERSIONS) {
                throw IamErrors.limitExceeded("A managed policy can have up to " + MAX_VERSIONS + " versions. Before you create a new version, you must delete an existing version.");
            }
            ManagedPolicyBody.Version version = new ManagedPolicyBody.Version("v" + body.nextVersion(), request.policyDocument(), iam.clock().instant().toString());
            transaction.updateEntity(entity.withBody(EntityJson.write(body.withVersionAdded(version, setAsDefault))));
            return version;
        });
        return CreatePolicyVersionResponse.builder()
                .policyVersion(PolicyVersion.builder()
                        .versionId(created.versionId())
                        .isDefaultVersion(setAsDefault)
                        .createDate(Instant.parse(created.createDate()))
                        .build())
                .build();
    }

    public GetPolicyVersionResponse getPolicyVersion(CallContext context, GetPolicyVersionRequest request)
    {
        String accountId = context.caller().accountId();
        String versionId = request.versionId();
        PolicyVersion version = iam.store().read(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), noSuchVersion(request.policyArn(), versionId));
            if (target.aws().isPresent()) {
                AwsManagedPolicy policy = target.aws().get();
                if (!policy.defaultVersionId().equals(versionId)) {
                    throw noSuchVersion(request.policyArn(), versionId);
                }
                return PolicyVersion.builder()
                        .document(PolicyDocuments.encode(policy.document()))
                        .versionId(versionId)
                        .isDefaultVersion(true)
                        .createDate(policy.updateDate())
                        .build();
            }
            ManagedPolicyBody body = EntityJson.read(target.entity().orElseThrow().body(), ManagedPolicyBody.class);
            ManagedPolicyBody.Version stored = body.version(versionId).orElseThrow(() -> noSuchVersion(request.policyArn(), versionId));
            return PolicyVersion.builder()
                    .document(PolicyDocuments.encode(stored.document()))
                    .versionId(versionId)
                    .isDefaultVersion(versionId.equals(body.defaultVersionId()))
                    .createDate(Instant.parse(stored.createDate()))
                    .build();
        });
        return GetPolicyVersionResponse.builder().policyVersion(version).build();
    }

    public ListPolicyVersionsResponse listPolicyVersions(CallContext context, ListPolicyVersionsRequest request)
    {
        String accountId = context.caller().accountId();
        List<PolicyVersion> versions = iam.store().read(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), notFound(request.policyArn()));
            if (target.aws().isPresent()) {
                AwsManagedPolicy policy = target.aws().get();
                // Only the default version of an AWS managed policy is in the catalog.
                return List.of(PolicyVersion.builder()
                        .versionId(policy.defaultVersionId())
                        .isDefaultVersion(true)
                        .createDate(policy.updateDate())
                        .build());
            }
            ManagedPolicyBody body = EntityJson.read(target.entity().orElseThrow().body(), ManagedPolicyBody.class);
            // Newest first, as IAM lists them.
            return body.versions().reversed().stream()
                    .map(version -> PolicyVersion.builder()
                            .versionId(version.versionId())
                            .isDefaultVersion(version.versionId().equals(body.defaultVersionId()))
                            .createDate(Instant.parse(version.createDate()))
                            .build())
                    .toList();
        });
        Page<PolicyVersion> page = pageAfter(versions, PolicyVersion::versionId, request.marker(), request.maxItems());
        return ListPolicyVersionsResponse.builder()
                .versions(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    public DeletePolicyVersionResponse deletePolicyVersion(CallContext context, DeletePolicyVersionRequest request)
    {
        String accountId = context.caller().accountId();
        String versionId = request.versionId();
        iam.store().write(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), noSuchVersion(request.policyArn(), versionId));
            Entity entity = customerOnly(context, target, "DeletePolicyVersion");
            ManagedPolicyBody body = EntityJson.read(entity.body(), ManagedPolicyBody.class);
            if (body.version(versionId).isEmpty()) {
                throw noSuchVersion(request.policyArn(), versionId);
            }
            if (versionId.equals(body.defaultVersionId())) {
                throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
            }
            transaction.updateEntity(entity.withBody(EntityJson.write(body.withVersionRemoved(versionId))));
            return null;
        });
        return DeletePolicyVersionResponse.builder().build();
    }

    public SetDefaultPolicyVersionResponse setDefaultPolicyVersion(CallContext context, SetDefaultPolicyVersionRequest request)
    {
        String accountId = context.caller().accountId();
        String versionId = request.versionId();
        iam.store().write(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), noSuchVersion(request.policyArn(), versionId));
            Entity entity = customerOnly(context, target, "SetDefaultPolicyVersion");
            ManagedPolicyBody body = EntityJson.read(entity.body(), ManagedPolicyBody.class);
            if (body.version(versionId).isEmpty()) {
                throw noSuchVersion(request.policyArn(), versionId);
            }
            transaction.updateEntity(entity.withBody(EntityJson.write(body.withDefaultVersion(versionId))));
            return null;
        });
        return SetDefaultPolicyVersionResponse.builder().build();
    }

    // ---- tags

    public TagPolicyResponse tagPolicy(CallContext context, TagPolicyRequest request)
    {
        String accountId = context.caller().accountId();
        iam.store().write(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), notFound(request.policyArn()));
            Entity entity = customerOnly(context, target, "TagPolicy");
            ManagedPolicyBody body = EntityJson.read(entity.body(), ManagedPolicyBody.class);
            transaction.updateEntity(entity.withBody(EntityJson.write(body.withTags(EntityTags.merge(body.tags(), request.tags(), EntityTags.Taggable.MANAGED_POLICY)))));
            return null;
        });
        return TagPolicyResponse.builder().build();
    }

    public UntagPolicyResponse untagPolicy(CallContext context, UntagPolicyRequest request)
    {
        String accountId = context.caller().accountId();
        iam.store().write(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), notFound(request.policyArn()));
            Entity entity = customerOnly(context, target, "UntagPolicy");
            ManagedPolicyBody body = EntityJson.read(entity.body(), ManagedPolicyBody.class);
            transaction.updateEntity(entity.withBody(EntityJson.write(body.withTags(EntityTags.remove(body.tags(), request.tagKeys())))));
            return null;
        });
        return UntagPolicyResponse.builder().build();
    }

    public ListPolicyTagsResponse listPolicyTags(CallContext context, ListPolicyTagsRequest request)
    {
        String accountId = context.caller().accountId();
        List<StoredTag> tags = iam.store().read(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), notFound(request.policyArn()));
            if (target.aws().isPresent()) {
                return List.<StoredTag>of();
            }
            ManagedPolicyBody body = EntityJson.read(target.entity().orElseThrow().body(), ManagedPolicyBody.class);
            return body.tags();
        });
        IamPaging.Page<Tag> page = EntityTags.page(tags, request.marker(), request.maxItems());
        return ListPolicyTagsResponse.builder()
                .tags(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    // ---- attachments

    public AttachRolePolicyResponse attachRolePolicy(CallContext context, AttachRolePolicyRequest request)
    {
        attach(context, Principal.ROLE, request.roleName(), request.policyArn());
        return AttachRolePolicyResponse.builder().build();
    }

    public DetachRolePolicyResponse detachRolePolicy(CallContext context, DetachRolePolicyRequest request)
    {
        detach(context, Principal.ROLE, request.roleName(), request.policyArn());
        return DetachRolePolicyResponse.builder().build();
    }

    public AttachUserPolicyResponse attachUserPolicy(CallContext context, AttachUserPolicyRequest request)
    {
        attach(context, Principal.USER, request.userName(), request.policyArn());
        return AttachUserPolicyResponse.builder().build();
    }

    public DetachUserPolicyResponse detachUserPolicy(CallContext context, DetachUserPolicyRequest request)
    {
        detach(context, Principal.USER, request.userName(), request.policyArn());
        return DetachUserPolicyResponse.builder().build();
    }

    public AttachGroupPolicyResponse attachGroupPolicy(CallContext context, AttachGroupPolicyRequest request)
    {
        attach(context, Principal.GROUP, request.groupName(), request.policyArn());
        return AttachGroupPolicyResponse.builder().build();
    }

    public DetachGroupPolicyResponse detachGroupPolicy(CallContext context, DetachGroupPolicyRequest request)
    {
        detach(context, Principal.GROUP, request.groupName(), request.policyArn());
        return DetachGroupPolicyResponse.builder().build();
    }

    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(CallContext context, ListAttachedRolePoliciesRequest request)
    {
        Page<AttachedPolicy> page = listAttached(context, Principal.ROLE, request.roleName(), request.pathPrefix(), request.marker(), request.maxItems());
        return ListAttachedRolePoliciesResponse.builder()
                .attachedPolicies(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(CallContext context, ListAttachedUserPoliciesRequest request)
    {
        Page<AttachedPolicy> page = listAttached(context, Principal.USER, request.userName(), request.pathPrefix(), request.marker(), request.maxItems());
        return ListAttachedUserPoliciesResponse.builder()
                .attachedPolicies(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    public ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(CallContext context, ListAttachedGroupPoliciesRequest request)
    {
        Page<AttachedPolicy> page = listAttached(context, Principal.GROUP, request.groupName(), request.pathPrefix(), request.marker(), request.maxItems());
        return ListAttachedGroupPoliciesResponse.builder()
                .attachedPolicies(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    public ListEntitiesForPolicyResponse listEntitiesForPolicy(CallContext context, ListEntitiesForPolicyRequest request)
    {
        String accountId = context.caller().accountId();
        String pathPrefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        EntityType filter = request.entityFilter();
        PolicyUsageType usage = request.policyUsageFilter();
        List<UsingEntity> entities = iam.store().read(transaction -> {
            PolicyTarget target = resolve(transaction, accountId, request.policyArn(), notFound(request.policyArn()));
            if (filter == EntityType.LOCAL_MANAGED_POLICY && target.aws().isPresent()
                    || filter == EntityType.AWS_MANAGED_POLICY && target.entity().isPresent()) {
                return List.of();
            }
            List<UsingEntity> found = new ArrayList<>();
            for (Principal principal : Principal.values()) {
                if (!principal.selectedBy(filter)) {
                    continue;
                }
                Set<String> ids = new java.util.TreeSet<>();
                if (usage != PolicyUsageType.PERMISSIONS_BOUNDARY) {
                    transaction.linksFrom(accountId, principal.attachment, target.linkId()).forEach(link -> ids.add(link.toId()));
                }
                if (usage != PolicyUsageType.PERMISSIONS_POLICY && principal.boundary != null) {
                    transaction.linksFrom(accountId, principal.boundary, target.linkId()).forEach(link -> ids.add(link.toId()));
                }
                List<UsingEntity> ofPrincipal = new ArrayList<>();
                for (String id : ids) {
                    transaction.entityById(accountId, principal.kind, id)
                            .filter(entity -> entity.path().startsWith(pathPrefix))
                            .ifPresent(entity -> ofPrincipal.add(new UsingEntity(principal, entity.name(), entity.id())));
                }
                ofPrincipal.sort(Comparator.comparing(entity -> entity.name().toLowerCase(Locale.ROOT)));
                found.addAll(ofPrincipal);
            }
            return found;
        });
        Page<UsingEntity> page = pageAfter(entities, entity -> entity.principal().name() + ":" + entity.name(), request.marker(), request.maxItems());
        List<PolicyGroup> groups = new ArrayList<>();
        List<PolicyUser> users = new ArrayList<>();
        List<PolicyRole> roles = new ArrayList<>();
        for (UsingEntity entity : page.items()) {
            switch (entity.principal()) {
                case GROUP -> groups.add(PolicyGroup.builder().groupName(entity.name()).groupId(entity.id()).build());
                case USER -> users.add(PolicyUser.builder().userName(entity.name()).userId(entity.id()).build());
                case ROLE -> roles.add(PolicyRole.builder().roleName(entity.name()).roleId(entity.id()).build());
            }
        }
        return ListEntitiesForPolicyResponse.builder()
                .policyGroups(groups)
                .policyUsers(users)
                .policyRoles(roles)
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    private record UsingEntity(Principal principal, String name, String id) {}

    private void attach(CallContext context, Principal principal, String principalName, String policyArn)
    {
        String accountId = context.caller().accountId();
        iam.store().write(transaction -> {
            Entity owner = principal.find(transaction, accountId, principalName);
            principal.checkModifiable(owner);
            PolicyTarget target = resolve(transaction, accountId, policyArn, notAttachable(policyArn));
            Link link = new Link(accountId, principal.attachment, target.linkId(), owner.id());
            List<Link> attached = transaction.linksTo(accountId, principal.attachment, owner.id());
            if (attached.contains(link)) {
                // Attaching twice changes nothing, as in IAM.
                return null;
            }
            if (attached.size() >= MAX_ATTACHED_POLICIES) {
                throw IamErrors.limitExceeded("Cannot exceed quota for " + principal.quotaName + ": " + MAX_ATTACHED_POLICIES);
            }
            transaction.insertLink(link);
            return null;
        });
    }

    private void detach(CallContext context, Principal principal, String principalName, String policyArn)
    {
        String accountId = context.caller().accountId();
        iam.store().write(transaction -> {
            Entity owner = principal.find(transaction, accountId, principalName);
            principal.checkModifiable(owner);
            PolicyTarget target = resolve(transaction, accountId, policyArn, notFound(policyArn));
            if (!transaction.deleteLink(new Link(accountId, principal.attachment, target.linkId(), owner.id()))) {
                throw notFound(policyArn);
            }
            return null;
        });
    }

    private Page<AttachedPolicy> listAttached(CallContext context, Principal principal, String principalName, String pathPrefix, String marker, Integer maxItems)
    {
        String accountId = context.caller().accountId();
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        List<AttachedPolicy> attached = iam.store().read(transaction -> {
            Entity owner = principal.find(transaction, accountId, principalName);
            return ManagedPolicyDocuments.attached(transaction, accountId, principal.kind, owner.id()).stream()
                    .filter(policy -> policy.path().startsWith(prefix))
                    .map(policy -> AttachedPolicy.builder().policyName(policy.name()).policyArn(policy.arn()).build())
                    .toList();
        });
        return pageAfter(attached, AttachedPolicy::policyName, marker, maxItems);
    }

    // ---- shared

    /** The principals a managed policy can be attached to. */
    enum Principal
            implements PolicyOwnerKind
    {
        // In the order ListEntitiesForPolicy pages through them (the order of its response elements).
        GROUP(EntityKinds.GROUP, EntityKinds.POLICY_ATTACHED_TO_GROUP, null, "PoliciesPerGroup", EntityType.GROUP),
        USER(EntityKinds.USER, EntityKinds.POLICY_ATTACHED_TO_USER, ManagedPolicyLinks.BOUNDARY_OF_USER, "PoliciesPerUser", EntityType.USER),
        ROLE(EntityKinds.ROLE, EntityKinds.POLICY_ATTACHED_TO_ROLE, ManagedPolicyLinks.BOUNDARY_OF_ROLE, "PoliciesPerRole", EntityType.ROLE);

        final String kind;
        final String attachment;
        final String boundary;
        final String quotaName;
        final EntityType entityType;

        Principal(String kind, String attachment, String boundary, String quotaName, EntityType entityType)
        {
            this.kind = kind;
            this.attachment = attachment;
            this.boundary = boundary;
            this.quotaName = quotaName;
            this.entityType = entityType;
        }

        @Override
        public String kind()
        {
            return kind;
        }

        boolean selectedBy(EntityType filter)
        {
            return filter == null || filter == entityType
                    || filter == EntityType.LOCAL_MANAGED_POLICY || filter == EntityType.AWS_MANAGED_POLICY;
        }
    }

    /** A policy named by an ARN: a customer managed policy of the caller's account, or an AWS managed policy. */
    record PolicyTarget(String arn, String linkId, Optional<Entity> entity, Optional<AwsManagedPolicy> aws)
    {
        static PolicyTarget of(AwsManagedPolicy policy)
        {
            return new PolicyTarget(policy.arn(), policy.arn(), Optional.empty(), Optional.of(policy));
        }
    }

    static PolicyTarget resolve(ReadTransaction transaction, String accountId, String policyArn, RuntimeException notFound)
    {
        Matcher matcher = POLICY_ARN.matcher(policyArn);
        if (!matcher.matches()) {
            throw IamErrors.invalidInput("ARN " + policyArn + " is not valid.");
        }
        if (matcher.group(1).equals("aws")) {
            return AwsManagedPolicies.byArn(policyArn).map(PolicyTarget::of).orElseThrow(() -> notFound);
        }
        if (!matcher.group(1).equals(accountId)) {
            throw notFound;
        }
        String path = matcher.group(2);
        String name = matcher.group(3);
        Entity entity = transaction.entityByName(accountId, EntityKinds.MANAGED_POLICY, name)
                .filter(found -> found.path().equals(path) && found.name().equals(name))
                .orElseThrow(() -> notFound);
        return new PolicyTarget(policyArn, entity.id(), Optional.of(entity), Optional.empty());
    }

    /** AWS managed policies belong to AWS's account: a customer may read and attach them, never change them. */
    private static Entity customerOnly(CallContext context, PolicyTarget target, String operation)
    {
        return target.entity().orElseThrow(() -> new AwsErrorException(
                "AccessDenied",
                "User: " + context.caller().arn() + " is not authorized to perform: iam:" + operation + " on resource: policy " + target.arn(),
                403));
    }

    record Usage(int attachments, int boundaries)
    {
        boolean matches(PolicyUsageType filter)
        {
            if (filter == PolicyUsageType.PERMISSIONS_POLICY) {
                return attachments > 0;
            }
            if (filter == PolicyUsageType.PERMISSIONS_BOUNDARY) {
                return boundaries > 0;
            }
            return attachments > 0 || boundaries > 0;
        }
    }

    static Usage usage(ReadTransaction transaction, String accountId, String linkId)
    {
        int attachments = transaction.linksFrom(accountId, EntityKinds.POLICY_ATTACHED_TO_ROLE, linkId).size()
                + transaction.linksFrom(accountId, EntityKinds.POLICY_ATTACHED_TO_USER, linkId).size()
                + transaction.linksFrom(accountId, EntityKinds.POLICY_ATTACHED_TO_GROUP, linkId).size();
        int boundaries = transaction.linksFrom(accountId, ManagedPolicyLinks.BOUNDARY_OF_ROLE, linkId).size()
                + transaction.linksFrom(accountId, ManagedPolicyLinks.BOUNDARY_OF_USER, linkId).size();
        return new Usage(attachments, boundaries);
    }

    private static Policy describe(ReadTransaction transaction, String accountId, PolicyTarget target, boolean detailed)
    {
        Usage usage = usage(transaction, accountId, target.linkId());
        if (target.aws().isPresent()) {
            return awsPolicy(target.aws().get(), usage, detailed);
        }
        Entity entity = target.entity().orElseThrow();
        return customerPolicy(entity, EntityJson.read(entity.body(), ManagedPolicyBody.class), usage, detailed, detailed);
    }

    private static Policy customerPolicy(Entity entity, ManagedPolicyBody body, Usage usage, boolean withDescription, boolean withTags)
    {
        Policy.Builder policy = Policy.builder()
                .policyName(entity.name())
                .policyId(entity.id())
                .arn(IamArns.policy(entity.accountId(), entity.path(), entity.name()))
                .path(entity.path())
                .defaultVersionId(body.defaultVersionId())
                .attachmentCount(usage.attachments())
                .permissionsBoundaryUsageCount(usage.boundaries())
                .isAttachable(true)
                .createDate(entity.createdAt())
                .updateDate(Instant.parse(body.updateDate()));
        if (withDescription && body.description() != null) {
            policy.description(body.description());
        }
        if (withTags && !body.tags().isEmpty()) {
            policy.tags(EntityTags.toSdk(body.tags()));
        }
        return policy.build();
    }

    private static Policy awsPolicy(AwsManagedPolicy policy, Usage usage, boolean detailed)
    {
        Policy.Builder builder = Policy.builder()
                .policyName(policy.name())
                .policyId(policy.id())
                .arn(policy.arn())
                .path(policy.path())
                .defaultVersionId(policy.defaultVersionId())
                .attachmentCount(usage.attachments())
                .permissionsBoundaryUsageCount(usage.boundaries())
                .isAttachable(true)
                .createDate(policy.createDate())
                .updateDate(policy.updateDate());
        if (detailed) {
            builder.description(policy.description());
        }
        return builder.build();
    }

    private static void validateDocument(String document)
    {
        try {
            PolicyValidation.validate(document, PolicyUse.IDENTITY);
        }
        catch (MalformedPolicyException malformed) {
            throw IamErrors.malformedPolicy(malformed.getMessage());
        }
        if (ManagedPolicySizes.nonWhitespaceLength(document) > MAX_MANAGED_POLICY_SIZE) {
            throw IamErrors.limitExceeded("Cannot exceed quota for PolicySize: " + MAX_MANAGED_POLICY_SIZE);
        }
    }

    private static RuntimeException notFound(String policyArn)
    {
        return IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
    }

    private static RuntimeException notAttachable(String policyArn)
    {
        return IamErrors.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
    }

    private static RuntimeException noSuchVersion(String policyArn, String versionId)
    {
        return IamErrors.noSuchEntity("Policy " + policyArn + " version " + versionId + " does not exist or is not attachable.");
    }

    record Page<T>(List<T> items, boolean truncated, String nextMarker) {}

    /** Paging over a small list that is complete in memory (versions, tags, a principal's attachments): the marker is the last key returned. */
    static <T> Page<T> pageAfter(List<T> all, java.util.function.Function<T, String> key, String marker, Integer maxItems)
    {
        String after = IamPaging.afterName(marker);
        int start = 0;
        if (after != null) {
            start = all.size();
            for (int index = 0; index < all.size(); index++) {
                if (key.apply(all.get(index)).equals(after)) {
                    start = index + 1;
                    break;
                }
            }
        }
        List<T> rest = all.subList(start, all.size());
        IamPaging.Page<T> page = IamPaging.page(rest, maxItems, key);
        return new Page<>(List.copyOf(page.items()), page.truncated(), page.nextMarker());
    }
}
