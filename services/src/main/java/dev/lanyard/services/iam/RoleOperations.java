package dev.lanyard.services.iam;

import dev.lanyard.policy.MalformedPolicyException;
import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import dev.lanyard.protocol.PolicyDocuments;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.RevisionCache;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.iam.RoleServiceLinkedNames.ServiceLinkedName;
import dev.lanyard.services.iam.TrustPolicyPrincipals.StoredPrincipal;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.StoreException;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.CreateServiceLinkedRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateServiceLinkedRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteServiceLinkedRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceLinkedRoleResponse;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLinkedRoleDeletionStatusRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLinkedRoleDeletionStatusResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleLastUsed;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.TagRoleResponse;
import software.amazon.awssdk.services.iam.model.UntagRoleRequest;
import software.amazon.awssdk.services.iam.model.UntagRoleResponse;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleResponse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** IAM: roles, service-linked roles, trust policies, permissions boundaries, role tags. */
public final class RoleOperations
{
    /** Trust policies count at most this many characters, whitespace excluded (IAM's default ACLSizePerRole quota). */
    public static final int MAX_TRUST_POLICY_SIZE = 2048;
    /** Entities recording a DeleteServiceLinkedRole, named by their deletion task id. */
    static final String DELETION_TASK_KIND = "role-deletion-task";
    /** Inline policies live in this kind, named "ownerKind:ownerId:policyName" (InlinePolicyOperations). */
    static final String INLINE_POLICY_KIND = "inline-policy";

    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(aws|\\d{12}):policy(/|/.*/)([\\w+=,.@-]+)");
    private static final Pattern DELETION_TASK_ID = Pattern.compile("task/aws-service-role/[^/]+/[\\w+=,.@-]+/[0-9a-f-]{36}");

    private final IamContext context;
    // GetRole's answer for one store revision: its display form reads other entities (trust principals, instance profiles).
    private final RevisionCache<String, GetRoleResponse> roleResponses;

    public RoleOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.roleResponses = new RevisionCache<>(context.store(), 10_000);
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreateRoleRequest.class, this::createRole)
                .register(GetRoleRequest.class, this::getRole)
                .register(ListRolesRequest.class, this::listRoles)
                .register(UpdateRoleRequest.class, this::updateRole)
                .register(UpdateRoleDescriptionRequest.class, this::updateRoleDescription)
                .register(UpdateAssumeRolePolicyRequest.class, this::updateAssumeRolePolicy)
                .register(DeleteRoleRequest.class, this::deleteRole)
                .register(TagRoleRequest.class, this::tagRole)
                .register(UntagRoleRequest.class, this::untagRole)
                .register(ListRoleTagsRequest.class, this::listRoleTags)
                .register(PutRolePermissionsBoundaryRequest.class, this::putRolePermissionsBoundary)
                .register(DeleteRolePermissionsBoundaryRequest.class, this::deleteRolePermissionsBoundary)
                .register(CreateServiceLinkedRoleRequest.class, this::createServiceLinkedRole)
                .register(DeleteServiceLinkedRoleRequest.class, this::deleteServiceLinkedRole)
                .register(GetServiceLinkedRoleDeletionStatusRequest.class, this::getServiceLinkedRoleDeletionStatus);
    }

    public CreateRoleResponse createRole(CallContext call, CreateRoleRequest request)
    {
        String accountId = call.caller().accountId();
        String path = request.path() == null ? "/" : request.path();
        int maxSessionDuration = request.maxSessionDuration() == null ? RoleBody.DEFAULT_MAX_SESSION_DURATION : request.maxSessionDuration();
        List<StoredTag> tags = EntityTags.fromRequest(request.tags(), EntityTags.Taggable.ROLE);
        String document = request.assumeRolePolicyDocument();
        validateTrustPolicy(document);
        Entity created = context.store().write(transaction -> {
            if (request.permissionsBoundary() != null) {
                checkPermissionsBoundary(transaction, accountId, request.permissionsBoundary());
            }
            List<StoredPrincipal> principals = TrustPolicyPrincipals.bind(transaction, document);
            RoleBody body = new RoleBody(document, principals, request.description(), maxSessionDuration, request.permissionsBoundary(), tags, null, null, null);
            Entity entity = Entity.create(accountId, EntityKinds.ROLE, IamIds.newId(IamIds.ROLE), request.roleName(), path, EntityJson.write(body), now());
            insert(transaction, entity);
            replaceBoundaryLink(transaction, entity, null, request.permissionsBoundary());
            return entity;
        });
        return context.store().read(transaction -> CreateRoleResponse.builder().role(createdRole(transaction, created)).build());
    }

    public GetRoleResponse getRole(CallContext call, GetRoleRequest request)
    {
        String accountId = call.caller().accountId();
        // Role names are unique regardless of case, so the key is too.
        String key = accountId + "/" + request.roleName().toLowerCase(java.util.Locale.ROOT);
        return roleResponses.get(key, transaction -> Optional.of(GetRoleResponse.builder()
                        .role(fullRole(transaction, requireRole(transaction, accountId, request.roleName())))
                        .build()))
                .orElseThrow();
    }

    public ListRolesResponse listRoles(CallContext call, ListRolesRequest request)
    {
        return context.store().read(transaction -> {
            List<Entity> fetched = transaction.entities(call.caller().accountId(), EntityKinds.ROLE, request.pathPrefix(),
                    IamPaging.afterName(request.marker()), IamPaging.fetchSize(request.maxItems()));
            IamPaging.Page<Entity> page = IamPaging.page(fetched, request.maxItems(), Entity::name);
            // ListRoles leaves out PermissionsBoundary, RoleLastUsed and Tags; GetRole has them.
            List<Role> roles = page.items().stream().map(role -> listedRole(transaction, role)).toList();
            return ListRolesResponse.builder().roles(roles).isTruncated(page.truncated()).marker(page.nextMarker()).build();
        });
    }

    public UpdateRoleResponse updateRole(CallContext call, UpdateRoleRequest request)
    {
        updateBody(call, request.roleName(), body -> {
            RoleBody updated = body;
            if (request.description() != null) {
                updated = updated.withDescription(request.description());
            }
            if (request.maxSessionDuration() != null) {
                updated = updated.withMaxSessionDuration(request.maxSessionDuration());
            }
            return updated;
        });
        return UpdateRoleResponse.builder().build();
    }

    public UpdateRoleDescriptionResponse updateRoleDescription(CallContext call, UpdateRoleDescriptionRequest request)
    {
        Entity updated = updateBody(call, request.roleName(), body -> body.withDescription(request.description()));
        return context.store().read(transaction -> UpdateRoleDescriptionResponse.builder().role(fullRole(transaction, updated)).build());
    }

    public UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(CallContext call, UpdateAssumeRolePolicyRequest request)
    {
        String document = request.policyDocument();
        validateTrustPolicy(document);
        modifyRole(call, request.roleName(), (transaction, role, body) -> {
            List<StoredPrincipal> principals = TrustPolicyPrincipals.bind(transaction, document);
            transaction.updateEntity(role.withBody(EntityJson.write(body.withTrustPolicy(document, principals))));
        });
        return UpdateAssumeRolePolicyResponse.builder().build();
    }

    public DeleteRoleResponse deleteRole(CallContext call, DeleteRoleRequest request)
    {
        modifyRole(call, request.roleName(), (transaction, role, body) -> {
            checkDeletable(transaction, role);
            replaceBoundaryLink(transaction, role, body.permissionsBoundaryArn(), null);
            transaction.deleteEntity(role.accountId(), EntityKinds.ROLE, role.id());
        });
        return DeleteRoleResponse.builder().build();
    }

    public TagRoleResponse tagRole(CallContext call, TagRoleRequest request)
    {
        updateBody(call, request.roleName(), body -> body.withTags(EntityTags.merge(body.tags(), request.tags(), EntityTags.Taggable.ROLE)));
        return TagRoleResponse.builder().build();
    }

    public UntagRoleResponse untagRole(CallContext call, UntagRoleRequest request)
    {
        updateBody(call, request.roleName(), body -> body.withTags(EntityTags.remove(body.tags(), request.tagKeys())));
        return UntagRoleResponse.builder().build();
    }

    public ListRoleTagsResponse listRoleTags(CallContext call, ListRoleTagsRequest request)
    {
        return context.store().read(transaction -> {
            Entity role = requireRole(transaction, call.caller().accountId(), request.roleName());
            IamPaging.Page<Tag> page = EntityTags.page(body(role).tags(), request.marker(), request.maxItems());
            return ListRoleTagsResponse.builder().tags(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
        });
    }

    public PutRolePermissionsBoundaryResponse putRolePermissionsBoundary(CallContext call, PutRolePermissionsBoundaryRequest request)
    {
        modifyRole(call, request.roleName(), (transaction, role, body) -> {
            checkPermissionsBoundary(transaction, role.accountId(), request.permissionsBoundary());
            replaceBoundaryLink(transaction, role, body.permissionsBoundaryArn(), request.permissionsBoundary());
            transaction.updateEntity(role.withBody(EntityJson.write(body.withPermissionsBoundary(request.permissionsBoundary()))));
        });
        return PutRolePermissionsBoundaryResponse.builder().build();
    }

    public DeleteRolePermissionsBoundaryResponse deleteRolePermissionsBoundary(CallContext call, DeleteRolePermissionsBoundaryRequest request)
    {
        modifyRole(call, request.roleName(), (transaction, role, body) -> {
            if (body.permissionsBoundaryArn() == null) {
                throw IamErrors.noSuchEntity("The role with name " + role.name() + " does not have a permissions boundary.");
            }
            replaceBoundaryLink(transaction, role, body.permissionsBoundaryArn(), null);
            transaction.updateEntity(role.withBody(EntityJson.write(body.withPermissionsBoundary(null))));
        });
        return DeleteRolePermissionsBoundaryResponse.builder().build();
    }

    public CreateServiceLinkedRoleResponse createServiceLinkedRole(CallContext call, CreateServiceLinkedRoleRequest request)
    {
        String accountId = call.caller().accountId();
        String service = request.awsServiceName();
        ServiceLinkedName name = RoleServiceLinkedNames.forService(service)
                .orElseThrow(() -> IamErrors.invalidInput("Service " + service + " does not support service-linked roles."));
        String roleName = name.roleName();
        if (request.customSuffix() != null) {
            if (!name.customSuffixAllowed()) {
                throw IamErrors.invalidInput("Custom suffix is not allowed for " + service);
            }
            roleName = roleName + "_" + request.customSuffix();
        }
        String document = RoleServiceLinkedNames.trustPolicy(service);
        RoleBody body = new RoleBody(document, List.of(), request.description(), RoleBody.DEFAULT_MAX_SESSION_DURATION, null, List.of(), service, null, null);
        Entity entity = Entity.create(accountId, EntityKinds.ROLE, IamIds.newId(IamIds.ROLE), roleName, "/aws-service-role/" + service + "/", EntityJson.write(body), now());
        String takenName = roleName;
        context.store().write(transaction -> {
            if (transaction.entityByName(accountId, EntityKinds.ROLE, takenName).isPresent()) {
                throw IamErrors.invalidInput("Service role name " + takenName + " has been taken in this account, please try a different suffix.");
            }
            insert(transaction, entity);
            return null;
        });
        return context.store().read(transaction -> CreateServiceLinkedRoleResponse.builder().role(createdRole(transaction, entity)).build());
    }

    public DeleteServiceLinkedRoleResponse deleteServiceLinkedRole(CallContext call, DeleteServiceLinkedRoleRequest request)
    {
        String accountId = call.caller().accountId();
        String taskId = context.store().write(transaction -> {
            Entity role = requireRole(transaction, accountId, request.roleName());
            RoleBody body = body(role);
            if (!body.serviceLinked()) {
                throw IamErrors.invalidInput("Role " + role.name() + " is not a service-linked role.");
            }
            // The linked service's own policies go with the role; anything the account added still blocks it, as in DeleteRole.
            for (Link link : transaction.linksTo(accountId, EntityKinds.POLICY_ATTACHED_TO_ROLE, role.id())) {
                transaction.deleteLink(link);
            }
            checkDeletable(transaction, role);
            transaction.deleteEntity(accountId, EntityKinds.ROLE, role.id());
            String uuid = UUID.randomUUID().toString();
            String id = "task/aws-service-role/" + body.serviceName() + "/" + role.name() + "/" + uuid;
            transaction.insertEntity(Entity.create(accountId, DELETION_TASK_KIND, uuid, id, "/", "{}", now()));
            return id;
        });
        return DeleteServiceLinkedRoleResponse.builder().deletionTaskId(taskId).build();
    }

    public GetServiceLinkedRoleDeletionStatusResponse getServiceLinkedRoleDeletionStatus(CallContext call, GetServiceLinkedRoleDeletionStatusRequest request)
    {
        String taskId = request.deletionTaskId();
        if (!DELETION_TASK_ID.matcher(taskId).matches()) {
            throw IamErrors.invalidInput("Invalid deletion task id: " + taskId);
        }
        return context.store().read(transaction -> {
            if (transaction.entityByName(call.caller().accountId(), DELETION_TASK_KIND, taskId).isEmpty()) {
                throw IamErrors.noSuchEntity("Deletion task " + taskId + " cannot be found.");
            }
            // Deletions here are immediate: a recorded task has always succeeded.
            return GetServiceLinkedRoleDeletionStatusResponse.builder().status(DeletionTaskStatusType.SUCCEEDED).build();
        });
    }

    // --- shared with InstanceProfileOperations ---

    static Entity requireRole(ReadTransaction transaction, String accountId, String roleName)
    {
        return transaction.entityByName(accountId, EntityKinds.ROLE, roleName)
                .orElseThrow(() -> IamErrors.noSuchEntity("role", roleName));
    }

    static RoleBody body(Entity role)
    {
        return EntityJson.read(role.body(), RoleBody.class);
    }

    /** The role as GetRole and UpdateRoleDescription show it. */
    static Role fullRole(ReadTransaction transaction, Entity role)
    {
        RoleBody body = body(role);
        Role.Builder builder = basicRole(transaction, role, body).toBuilder();
        addBoundaryAndTags(builder, body);
        RoleLastUsed.Builder lastUsed = RoleLastUsed.builder();
        if (body.lastUsedDate() != null) {
            lastUsed.lastUsedDate(Instant.parse(body.lastUsedDate())).region(body.lastUsedRegion());
        }
        return builder.roleLastUsed(lastUsed.build()).build();
    }

    /**
     * The role as CreateRole and CreateServiceLinkedRole answer it: what was given (description, boundary, tags) but,
     * as in AWS's examples (seed 004), neither MaxSessionDuration nor RoleLastUsed.
     */
    static Role createdRole(ReadTransaction transaction, Entity role)
    {
        RoleBody body = body(role);
        Role.Builder builder = profileRole(transaction, role).toBuilder().description(body.description());
        addBoundaryAndTags(builder, body);
        return builder.build();
    }

    private static void addBoundaryAndTags(Role.Builder builder, RoleBody body)
    {
        if (body.permissionsBoundaryArn() != null) {
            builder.permissionsBoundary(AttachedPermissionsBoundary.builder()
                    .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                    .permissionsBoundaryArn(body.permissionsBoundaryArn())
                    .build());
        }
        if (!body.tags().isEmpty()) {
            builder.tags(EntityTags.toSdk(body.tags()));
        }
    }

    /** The role as ListRoles shows it (no PermissionsBoundary, RoleLastUsed or Tags). */
    static Role listedRole(ReadTransaction transaction, Entity role)
    {
        return basicRole(transaction, role, body(role));
    }

    /** The role inside an InstanceProfile. */
    static Role profileRole(ReadTransaction transaction, Entity role)
    {
        RoleBody body = body(role);
        return Role.builder()
                .path(role.path())
                .roleName(role.name())
                .roleId(role.id())
                .arn(IamArns.role(role.accountId(), role.path(), role.name()))
                .createDate(role.createdAt())
                .assumeRolePolicyDocument(PolicyDocuments.encode(TrustPolicyPrincipals.display(transaction, body.assumeRolePolicyDocument(), body.trustPrincipals())))
                .build();
    }

    private static Role basicRole(ReadTransaction transaction, Entity role, RoleBody body)
    {
        return profileRole(transaction, role).toBuilder()
                .description(body.description())
                .maxSessionDuration(body.maxSessionDuration())
                .build();
    }

    // --- rules ---

    private static void validateTrustPolicy(String document)
    {
        try {
            PolicyValidation.validate(document, PolicyUse.TRUST);
        }
        catch (MalformedPolicyException malformed) {
            throw IamErrors.malformedPolicy(malformed.getMessage());
        }
        if (sizeWithoutWhitespace(document) > MAX_TRUST_POLICY_SIZE) {
            throw IamErrors.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + MAX_TRUST_POLICY_SIZE);
        }
    }

    static int sizeWithoutWhitespace(String document)
    {
        int size = 0;
        for (int index = 0; index < document.length(); index++) {
            if (!Character.isWhitespace(document.charAt(index))) {
                size++;
            }
        }
        return size;
    }

    /**
     * A permissions boundary is a managed policy: AWS managed ones (account "aws") are accepted by ARN; customer managed
     * ones must exist in the caller's account.
     */
    private static void checkPermissionsBoundary(ReadTransaction transaction, String accountId, String arn)
    {
        Matcher matcher = POLICY_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
        if (matcher.group(1).equals("aws")) {
            return;
        }
        boolean exists = matcher.group(1).equals(accountId)
                && transaction.entityByName(accountId, EntityKinds.MANAGED_POLICY, matcher.group(3))
                        .filter(policy -> policy.path().equals(matcher.group(2)))
                        .isPresent();
        if (!exists) {
            throw IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
    }

    private static void requireModifiable(Entity role, RoleBody body)
    {
        if (body.serviceLinked()) {
            throw IamErrors.protectedRole(role.name());
        }
    }

    /** Keeps the boundary link (policy → role, see {@link ManagedPolicyLinks}) in step with the role's boundary ARN. */
    private static void replaceBoundaryLink(WriteTransaction transaction, Entity role, String previousArn, String nextArn)
    {
        if (previousArn != null) {
            ManagedPolicyDocuments.linkId(transaction, role.accountId(), previousArn)
                    .ifPresent(policy -> transaction.deleteLink(new Link(role.accountId(), ManagedPolicyLinks.BOUNDARY_OF_ROLE, policy, role.id())));
        }
        if (nextArn != null) {
            ManagedPolicyDocuments.linkId(transaction, role.accountId(), nextArn)
                    .ifPresent(policy -> transaction.insertLink(new Link(role.accountId(), ManagedPolicyLinks.BOUNDARY_OF_ROLE, policy, role.id())));
        }
    }

    /** DeleteRole refuses while the role has managed or inline policies or is in an instance profile. */
    private static void checkDeletable(ReadTransaction transaction, Entity role)
    {
        String accountId = role.accountId();
        // Attachments link from the policy to the role (ManagedPolicyLinks).
        if (!transaction.linksTo(accountId, EntityKinds.POLICY_ATTACHED_TO_ROLE, role.id()).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        String inlinePrefix = "role:" + role.id() + ":";
        List<Entity> inline = transaction.entities(accountId, INLINE_POLICY_KIND, null, inlinePrefix, 1);
        if (!inline.isEmpty() && inline.getFirst().name().startsWith(inlinePrefix)) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        if (!transaction.linksFrom(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, role.id()).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
        }
    }

    /** Changes a role in the transaction that finds it; a service-linked role belongs to its service and is refused. */
    private void modifyRole(CallContext call, String roleName, RoleChange change)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity role = requireRole(transaction, accountId, roleName);
            RoleBody body = body(role);
            requireModifiable(role, body);
            change.apply(transaction, role, body);
            return null;
        });
    }

    private interface RoleChange
    {
        void apply(WriteTransaction transaction, Entity role, RoleBody body);
    }

    private Entity updateBody(CallContext call, String roleName, UnaryOperator<RoleBody> change)
    {
        String accountId = call.caller().accountId();
        return context.store().write(transaction -> {
            Entity role = requireRole(transaction, accountId, roleName);
            return transaction.updateEntity(role.withBody(EntityJson.write(change.apply(body(role)))));
        });
    }

    private static void insert(WriteTransaction transaction, Entity entity)
    {
        try {
            transaction.insertEntity(entity);
        }
        catch (StoreException.Conflict taken) {
            throw IamErrors.alreadyExists("Role", entity.name());
        }
    }

    private Instant now()
    {
        return context.clock().instant();
    }
}
