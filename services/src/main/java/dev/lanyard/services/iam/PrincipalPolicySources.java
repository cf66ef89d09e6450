package dev.lanyard.services.iam;

import dev.lanyard.services.iam.InlinePolicies.InlinePolicy;
import dev.lanyard.services.iam.ManagedPolicyDocuments.ManagedPolicyDocument;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.PolicySourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The identity policies of a user, group or role as stored, uncompiled: a user's inline and attached policies followed
 * by those of each of its groups, a group's or role's own, and the permissions boundary of a user or role. Live
 * authorization (PrincipalPolicies) compiles these; the policy simulator reports them. One collector, so the two
 * cannot disagree about which policies a principal has.
 *
 * @param identity in evaluation order: the principal's inline policies, then its attached ones, then per group the same
 * @param boundary empty when no permissions boundary is set (groups never have one)
 */
public record PrincipalPolicySources(List<PolicySource> identity, Optional<PermissionsBoundary> boundary)
{
    public PrincipalPolicySources
    {
        identity = List.copyOf(requireNonNull(identity, "identity is null"));
        requireNonNull(boundary, "boundary is null");
    }

    /**
     * One stored policy document.
     *
     * @param id the policy id decisions name: "user/NAME/POLICY", "group/NAME/POLICY" or "role/NAME/POLICY" for an inline
     * policy, the ARN for a managed one
     * @param name the policy's own name (the simulator's SourcePolicyId)
     * @param type {@link PolicySourceType#USER}, {@link PolicySourceType#GROUP}, {@link PolicySourceType#ROLE} for inline
     * policies, {@link PolicySourceType#AWS_MANAGED} or {@link PolicySourceType#USER_MANAGED} for managed ones
     * @param document the policy text, not URL-encoded
     */
    public record PolicySource(String id, String name, PolicySourceType type, String document)
    {
        public PolicySource
        {
            requireNonNull(id, "id is null");
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(document, "document is null");
        }
    }

    /**
     * A permissions boundary as set on the principal.
     *
     * @param policy empty when the ARN names no policy (any more): live authorization then allows nothing, the simulator
     * reports no boundary
     */
    public record PermissionsBoundary(String arn, Optional<PolicySource> policy)
    {
        public PermissionsBoundary
        {
            requireNonNull(arn, "arn is null");
            requireNonNull(policy, "policy is null");
        }
    }

    /**
     * The order of a user's groups. Live authorization has always gone through them in the store's membership order (by
     * group id), the simulator by name as ListGroupsForUser shows them. Which policies a user has does not depend on it;
     * the order of matched statements (and so which one a decision names first) does, so each keeps its own.
     */
    public enum GroupOrder
    {
        BY_ID,
        BY_NAME,
    }

    public static PrincipalPolicySources ofUser(ReadTransaction transaction, String accountId, Entity user, GroupOrder groupOrder)
    {
        List<PolicySource> identity = new ArrayList<>();
        addOwnPolicies(transaction, accountId, EntityKinds.USER, user, identity);
        for (Entity group : groupsOf(transaction, accountId, user, groupOrder)) {
            addOwnPolicies(transaction, accountId, EntityKinds.GROUP, group, identity);
        }
        return new PrincipalPolicySources(identity, boundary(transaction, accountId, UserEntities.body(user).permissionsBoundaryArn()));
    }

    public static PrincipalPolicySources ofGroup(ReadTransaction transaction, String accountId, Entity group)
    {
        List<PolicySource> identity = new ArrayList<>();
        addOwnPolicies(transaction, accountId, EntityKinds.GROUP, group, identity);
        return new PrincipalPolicySources(identity, Optional.empty());
    }

    public static PrincipalPolicySources ofRole(ReadTransaction transaction, String accountId, Entity role)
    {
        List<PolicySource> identity = new ArrayList<>();
        addOwnPolicies(transaction, accountId, EntityKinds.ROLE, role, identity);
        String boundaryArn = EntityJson.read(role.body(), RoleBody.class).permissionsBoundaryArn();
        return new PrincipalPolicySources(identity, boundary(transaction, accountId, boundaryArn));
    }

    private static List<Entity> groupsOf(ReadTransaction transaction, String accountId, Entity user, GroupOrder groupOrder)
    {
        return switch (groupOrder) {
            case BY_NAME -> UserEntities.groupsOf(transaction, accountId, user.id());
            case BY_ID -> {
                // A membership cannot outlive its group (DeleteGroup refuses while the group has members).
                List<Entity> groups = new ArrayList<>();
                for (Link membership : transaction.linksFrom(accountId, EntityKinds.USER_IN_GROUP, user.id())) {
                    transaction.entityById(accountId, EntityKinds.GROUP, membership.toId()).ifPresent(groups::add);
                }
                yield groups;
            }
        };
    }

    private static void addOwnPolicies(ReadTransaction transaction, String accountId, String kind, Entity owner, List<PolicySource> into)
    {
        PolicySourceType inlineType = switch (kind) {
            case EntityKinds.USER -> PolicySourceType.USER;
            case EntityKinds.GROUP -> PolicySourceType.GROUP;
            case EntityKinds.ROLE -> PolicySourceType.ROLE;
            default -> throw new IllegalArgumentException("Not a principal kind: " + kind);
        };
        for (InlinePolicy policy : InlinePolicies.forOwner(transaction, accountId, kind, owner.id())) {
            String id = kind + "/" + owner.name() + "/" + policy.policyName();
            into.add(new PolicySource(id, policy.policyName(), inlineType, policy.document()));
        }
        for (ManagedPolicyDocument policy : ManagedPolicyDocuments.attached(transaction, accountId, kind, owner.id())) {
            into.add(managedSource(policy));
        }
    }

    private static Optional<PermissionsBoundary> boundary(ReadTransaction transaction, String accountId, String boundaryArn)
    {
        if (boundaryArn == null) {
            return Optional.empty();
        }
        Optional<PolicySource> policy = ManagedPolicyDocuments.byArn(transaction, accountId, boundaryArn).map(PrincipalPolicySources::managedSource);
        return Optional.of(new PermissionsBoundary(boundaryArn, policy));
    }

    private static PolicySource managedSource(ManagedPolicyDocument policy)
    {
        PolicySourceType type = AwsManagedPolicies.isAwsManagedArn(policy.arn()) ? PolicySourceType.AWS_MANAGED : PolicySourceType.USER_MANAGED;
        return new PolicySource(policy.arn(), policy.name(), type, policy.document());
    }
}
