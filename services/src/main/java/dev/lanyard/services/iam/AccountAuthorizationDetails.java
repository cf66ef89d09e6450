package dev.lanyard.services.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.protocol.PolicyDocuments;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.RoleLastUsed;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UserDetail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GetAccountAuthorizationDetails: users, groups, roles and customer managed policies with everything attached to them,
 * paged across the four sections in that order. The marker names the section and the last name returned in it, so
 * each page is a few index range reads, never a scan.
 *
 * <p>Roles, managed policies and inline policies belong to other families; their bodies are read as JSON trees with the
 * field names those families store ("assumeRolePolicyDocument", "versions", "document", ...). AWS managed policies have
 * no entity in the account and are not listed (the AWSManagedPolicy filter yields nothing yet).
 */
final class AccountAuthorizationDetails
{
    private static final String ROLE_BOUNDARY = "policy-boundary-of-role";

    private enum Section
    {
        USER(EntityKinds.USER, EntityType.USER),
        GROUP(EntityKinds.GROUP, EntityType.GROUP),
        ROLE(EntityKinds.ROLE, EntityType.ROLE),
        LOCAL_MANAGED_POLICY(EntityKinds.MANAGED_POLICY, EntityType.LOCAL_MANAGED_POLICY);

        private final String kind;
        private final EntityType filter;

        Section(String kind, EntityType filter)
        {
            this.kind = kind;
            this.filter = filter;
        }
    }

    private AccountAuthorizationDetails() {}

    static GetAccountAuthorizationDetailsResponse page(ReadTransaction transaction, String accountId, GetAccountAuthorizationDetailsRequest request)
    {
        Set<Section> wanted = EnumSet.noneOf(Section.class);
        for (Section section : Section.values()) {
            if (!request.hasFilter() || request.filter().isEmpty() || request.filter().contains(section.filter)) {
                wanted.add(section);
            }
        }
        int remaining = request.maxItems() == null ? IamPaging.DEFAULT_MAX_ITEMS : request.maxItems();
        Section startSection = Section.USER;
        String after = null;
        String marker = IamPaging.afterName(request.marker());
        if (marker != null) {
            int separator = marker.indexOf(':');
            try {
                startSection = Section.valueOf(separator < 0 ? marker : marker.substring(0, separator));
            }
            catch (IllegalArgumentException malformed) {
                throw IamErrors.invalidInput("Invalid Marker.");
            }
            after = separator < 0 || separator == marker.length() - 1 ? null : marker.substring(separator + 1);
        }

        GetAccountAuthorizationDetailsResponse.Builder response = GetAccountAuthorizationDetailsResponse.builder();
        List<UserDetail> users = new ArrayList<>();
        List<GroupDetail> groups = new ArrayList<>();
        List<RoleDetail> roles = new ArrayList<>();
        List<ManagedPolicyDetail> policies = new ArrayList<>();
        String nextMarker = null;
        for (Section section : Section.values()) {
            if (section.ordinal() < startSection.ordinal() || !wanted.contains(section)) {
                continue;
            }
            String sectionAfter = section == startSection ? after : null;
            if (remaining == 0) {
                // The page is full: there is more only if this section has anything left.
                if (!transaction.entities(accountId, section.kind, null, sectionAfter, 1).isEmpty()) {
                    nextMarker = IamPaging.marker(section.name() + ":" + (sectionAfter == null ? "" : sectionAfter));
                    break;
                }
                continue;
            }
            List<Entity> fetched = transaction.entities(accountId, section.kind, null, sectionAfter, remaining + 1);
            List<Entity> taken = fetched.subList(0, Math.min(remaining, fetched.size()));
            for (Entity entity : taken) {
                switch (section) {
                    case USER -> users.add(user(transaction, entity));
                    case GROUP -> groups.add(group(transaction, entity));
                    case ROLE -> roles.add(role(transaction, entity));
                    case LOCAL_MANAGED_POLICY -> policies.add(policy(transaction, entity));
                }
            }
            remaining -= taken.size();
            if (fetched.size() > taken.size()) {
                nextMarker = IamPaging.marker(section.name() + ":" + taken.get(taken.size() - 1).name());
                break;
            }
        }
        return response
                .userDetailList(users)
                .groupDetailList(groups)
                .roleDetailList(roles)
                .policies(policies)
                .isTruncated(nextMarker != null)
                .marker(nextMarker)
                .build();
    }

    private static UserDetail user(ReadTransaction transaction, Entity user)
    {
        String accountId = user.accountId();
        UserBody body = UserEntities.body(user);
        UserDetail.Builder detail = UserDetail.builder()
                .path(user.path())
                .userName(user.name())
                .userId(user.id())
                .arn(IamArns.user(accountId, user.path(), user.name()))
                .createDate(user.createdAt())
                .userPolicyList(inlinePolicies(transaction, accountId, "user", user.id()))
                .groupList(UserEntities.groupsOf(transaction, accountId, user.id()).stream().map(Entity::name).toList())
                .attachedManagedPolicies(attachedPolicies(transaction, accountId, EntityKinds.POLICY_ATTACHED_TO_USER, user.id()))
                .tags(EntityTags.toSdk(body.tags()));
        if (body.permissionsBoundaryArn() != null) {
            detail.permissionsBoundary(boundary(body.permissionsBoundaryArn()));
        }
        return detail.build();
    }

    private static GroupDetail group(ReadTransaction transaction, Entity group)
    {
        String accountId = group.accountId();
        return GroupDetail.builder()
                .path(group.path())
                .groupName(group.name())
                .groupId(group.id())
                .arn(IamArns.group(accountId, group.path(), group.name()))
                .createDate(group.createdAt())
                .groupPolicyList(inlinePolicies(transaction, accountId, "group", group.id()))
                .attachedManagedPolicies(attachedPolicies(transaction, accountId, EntityKinds.POLICY_ATTACHED_TO_GROUP, group.id()))
                .build();
    }

    private static RoleDetail role(ReadTransaction transaction, Entity role)
    {
        String accountId = role.accountId();
        JsonNode body = AccountJson.tree(role.body());
        RoleDetail.Builder detail = RoleDetail.builder()
                .path(role.path())
                .roleName(role.name())
                .roleId(role.id())
                .arn(IamArns.role(accountId, role.path(), role.name()))
                .createDate(role.createdAt())
                .rolePolicyList(inlinePolicies(transaction, accountId, "role", role.id()))
                .attachedManagedPolicies(attachedPolicies(transaction, accountId, EntityKinds.POLICY_ATTACHED_TO_ROLE, role.id()))
                .tags(tags(body.path("tags")));
        String trust = AccountJson.text(body, "assumeRolePolicyDocument");
        if (trust != null) {
            detail.assumeRolePolicyDocument(PolicyDocuments.encode(trust));
        }
        String boundary = AccountJson.text(body, "permissionsBoundaryArn");
        if (boundary != null) {
            detail.permissionsBoundary(boundary(boundary));
        }
        String lastUsed = AccountJson.text(body, "lastUsedDate");
        if (lastUsed != null) {
            detail.roleLastUsed(RoleLastUsed.builder().lastUsedDate(Instant.parse(lastUsed)).region(AccountJson.text(body, "lastUsedRegion")).build());
        }
        else {
            detail.roleLastUsed(RoleLastUsed.builder().build());
        }
        List<InstanceProfile> profiles = new ArrayList<>();
        Role roleShape = Role.builder()
                .path(role.path())
                .roleName(role.name())
                .roleId(role.id())
                .arn(IamArns.role(accountId, role.path(), role.name()))
                .createDate(role.createdAt())
                .assumeRolePolicyDocument(trust == null ? null : PolicyDocuments.encode(trust))
                .build();
        for (Link link : transaction.linksFrom(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, role.id())) {
            transaction.entityById(accountId, EntityKinds.INSTANCE_PROFILE, link.toId()).ifPresent(profile -> profiles.add(InstanceProfile.builder()
                    .path(profile.path())
                    .instanceProfileName(profile.name())
                    .instanceProfileId(profile.id())
                    .arn(IamArns.instanceProfile(accountId, profile.path(), profile.name()))
                    .createDate(profile.createdAt())
                    .roles(roleShape)
                    .build()));
        }
        return detail.instanceProfileList(profiles).build();
    }

    private static ManagedPolicyDetail policy(ReadTransaction transaction, Entity policy)
    {
        String accountId = policy.accountId();
        JsonNode body = AccountJson.tree(policy.body());
        String defaultVersionId = AccountJson.text(body, "defaultVersionId");
        List<PolicyVersion> versions = new ArrayList<>();
        Instant updateDate = policy.createdAt();
        for (JsonNode version : body.path("versions")) {
            String versionId = AccountJson.text(version, "versionId");
            String document = AccountJson.text(version, "document");
            String created = AccountJson.text(version, "createDate");
            Instant createDate = created == null ? policy.createdAt() : Instant.parse(created);
            updateDate = createDate.isAfter(updateDate) ? createDate : updateDate;
            versions.add(PolicyVersion.builder()
                    .versionId(versionId)
                    .document(document == null ? null : PolicyDocuments.encode(document))
                    .isDefaultVersion(versionId != null && versionId.equals(defaultVersionId))
                    .createDate(createDate)
                    .build());
        }
        int attachments = transaction.linksFrom(accountId, EntityKinds.POLICY_ATTACHED_TO_ROLE, policy.id()).size()
                + transaction.linksFrom(accountId, EntityKinds.POLICY_ATTACHED_TO_USER, policy.id()).size()
                + transaction.linksFrom(accountId, EntityKinds.POLICY_ATTACHED_TO_GROUP, policy.id()).size();
        int boundaries = transaction.linksFrom(accountId, ROLE_BOUNDARY, policy.id()).size()
                + transaction.linksFrom(accountId, UserEntities.POLICY_BOUNDARY_OF_USER, policy.id()).size();
        return ManagedPolicyDetail.builder()
                .policyName(policy.name())
                .policyId(policy.id())
                .arn(IamArns.policy(accountId, policy.path(), policy.name()))
                .path(policy.path())
                .defaultVersionId(defaultVersionId)
                .attachmentCount(attachments)
                .permissionsBoundaryUsageCount(boundaries)
                .isAttachable(true)
                .description(AccountJson.text(body, "description"))
                .createDate(policy.createdAt())
                .updateDate(updateDate)
                .policyVersionList(versions)
                .build();
    }

    /** Summed over customer managed policies, for GetAccountSummary's PolicyVersionsInUse. */
    static int policyVersionsInUse(ReadTransaction transaction, String accountId)
    {
        int versions = 0;
        String after = null;
        while (true) {
            List<Entity> page = transaction.entities(accountId, EntityKinds.MANAGED_POLICY, null, after, 1000);
            for (Entity policy : page) {
                versions += AccountJson.tree(policy.body()).path("versions").size();
            }
            if (page.size() < 1000) {
                return versions;
            }
            after = page.get(page.size() - 1).name();
        }
    }

    private static List<PolicyDetail> inlinePolicies(ReadTransaction transaction, String accountId, String owner, String ownerId)
    {
        return UserEntities.inlinePolicies(transaction, accountId, owner, ownerId).stream()
                .map(policy -> {
                    JsonNode body = AccountJson.tree(policy.body());
                    String document = AccountJson.text(body, "document", "policyDocument");
                    String name = AccountJson.text(body, "policyName");
                    return PolicyDetail.builder()
                            .policyName(name == null ? UserEntities.inlinePolicyName(policy) : name)
                            .policyDocument(document == null ? null : PolicyDocuments.encode(document))
                            .build();
                })
                .toList();
    }

    /** The managed policies attached to a principal: links from the policy id (or an AWS managed policy's ARN) to it. */
    static List<AttachedPolicy> attachedPolicies(ReadTransaction transaction, String accountId, String relation, String principalId)
    {
        Set<String> policyIds = new LinkedHashSet<>();
        transaction.linksTo(accountId, relation, principalId).forEach(link -> policyIds.add(link.fromId()));
        List<AttachedPolicy> attached = new ArrayList<>();
        for (String policyId : policyIds) {
            if (policyId.startsWith("arn:")) {
                attached.add(AttachedPolicy.builder().policyName(policyId.substring(policyId.lastIndexOf('/') + 1)).policyArn(policyId).build());
                continue;
            }
            transaction.entityById(accountId, EntityKinds.MANAGED_POLICY, policyId).ifPresent(policy -> attached.add(AttachedPolicy.builder()
                    .policyName(policy.name())
                    .policyArn(IamArns.policy(accountId, policy.path(), policy.name()))
                    .build()));
        }
        return attached;
    }

    private static AttachedPermissionsBoundary boundary(String policyArn)
    {
        return AttachedPermissionsBoundary.builder()
                .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                .permissionsBoundaryArn(policyArn)
                .build();
    }

    private static List<Tag> tags(JsonNode tags)
    {
        List<Tag> result = new ArrayList<>();
        for (JsonNode tag : tags) {
            String key = AccountJson.text(tag, "key");
            if (key != null) {
                result.add(Tag.builder().key(key).value(AccountJson.text(tag, "value")).build());
            }
        }
        return result;
    }
}
