package dev.lanyard.services.authorization;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.document.PolicyParser;
import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamArns;
import dev.lanyard.services.iam.InlinePolicies;
import dev.lanyard.services.iam.ManagedPolicyDocuments;
import dev.lanyard.services.iam.ManagedPolicyDocuments.ManagedPolicyDocument;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.services.iam.UserBody;
import dev.lanyard.services.sts.SessionClaims;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The compiled policies of a user or role (and of a session of theirs), read from the store in one transaction: the
 * identity layer (inline, attached, and through groups for users), the permissions boundary, the session layer, and what
 * the request context needs of the principal (its tags, its ARN and name).
 *
 * @param revision the store revision the policies were read at; an entry is good only while the store is still there
 * @param principalArn the user's or role's ARN (aws:PrincipalArn; a role session's is the role's, as AWS reports it)
 * @param userName the user's name for aws:username; empty for roles
 * @param tags the user's or role's tags (aws:PrincipalTag/...), before session tags
 */
record PrincipalPolicies(long revision, PolicySet policySet, String principalArn, Optional<String> userName, Map<String, String> tags)
{
    PrincipalPolicies
    {
        requireNonNull(policySet, "policySet is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(userName, "userName is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
    }

    /** A user's policies (long-term key or GetSessionToken session); a deleted user has none, so is allowed nothing. */
    static PrincipalPolicies user(ReadTransaction transaction, long revision, String accountId, String userId, Optional<SessionLayer> session)
    {
        Optional<Entity> user = transaction.entityById(accountId, EntityKinds.USER, userId);
        List<CompiledPolicy> identity = new ArrayList<>();
        Optional<PolicyGroup> boundary = Optional.empty();
        Map<String, String> tags = new LinkedHashMap<>();
        String arn = IamArns.user(accountId, "/", userId);
        Optional<String> userName = Optional.empty();
        if (user.isPresent()) {
            Entity entity = user.get();
            arn = IamArns.user(accountId, entity.path(), entity.name());
            userName = Optional.of(entity.name());
            addOwnerPolicies(transaction, accountId, EntityKinds.USER, userId, "user/" + entity.name() + "/", identity);
            for (Link membership : transaction.linksFrom(accountId, EntityKinds.USER_IN_GROUP, userId)) {
                String groupLabel = transaction.entityById(accountId, EntityKinds.GROUP, membership.toId())
                        .map(group -> "group/" + group.name() + "/")
                        .orElse("group/" + membership.toId() + "/");
                addOwnerPolicies(transaction, accountId, EntityKinds.GROUP, membership.toId(), groupLabel, identity);
            }
            UserBody body = EntityJson.read(entity.body(), UserBody.class);
            boundary = boundary(transaction, accountId, body.permissionsBoundaryArn());
            for (StoredTag tag : body.tags()) {
                tags.put(tag.key(), tag.value());
            }
        }
        return new PrincipalPolicies(revision, policySet(identity, boundary, transaction, accountId, session), arn, userName, tags);
    }

    /** A role's policies for one of its sessions; a deleted role has none. */
    static PrincipalPolicies role(ReadTransaction transaction, long revision, String accountId, String roleId, Optional<SessionLayer> session)
    {
        Optional<Entity> role = transaction.entityById(accountId, EntityKinds.ROLE, roleId);
        List<CompiledPolicy> identity = new ArrayList<>();
        Optional<PolicyGroup> boundary = Optional.empty();
        Map<String, String> tags = new LinkedHashMap<>();
        String arn = IamArns.role(accountId, "/", roleId);
        if (role.isPresent()) {
            Entity entity = role.get();
            arn = IamArns.role(accountId, entity.path(), entity.name());
            addOwnerPolicies(transaction, accountId, EntityKinds.ROLE, roleId, "role/" + entity.name() + "/", identity);
            RoleBody body = EntityJson.read(entity.body(), RoleBody.class);
            boundary = boundary(transaction, accountId, body.permissionsBoundaryArn());
            for (StoredTag tag : body.tags()) {
                tags.put(tag.key(), tag.value());
            }
        }
        return new PrincipalPolicies(revision, policySet(identity, boundary, transaction, accountId, session), arn, Optional.empty(), tags);
    }

    /**
     * The policies passed when a session was created. A federated user's session always has this layer, empty when no
     * policy was passed: such a session is allowed nothing (AWS's rule for GetFederationToken).
     */
    record SessionLayer(Optional<String> inlinePolicy, List<String> policyArns)
    {
        SessionLayer
        {
            requireNonNull(inlinePolicy, "inlinePolicy is null");
            policyArns = List.copyOf(requireNonNull(policyArns, "policyArns is null"));
        }

        static SessionLayer of(SessionClaims claims)
        {
            return new SessionLayer(claims.sessionPolicy(), claims.policyArns());
        }

        boolean isEmpty()
        {
            return inlinePolicy.isEmpty() && policyArns.isEmpty();
        }
    }

    private static PolicySet policySet(List<CompiledPolicy> identity, Optional<PolicyGroup> boundary, ReadTransaction transaction, String accountId, Optional<SessionLayer> session)
    {
        Optional<PolicyGroup> sessionGroup = Optional.empty();
        if (session.isPresent()) {
            List<CompiledPolicy> sessionPolicies = new ArrayList<>();
            session.get().inlinePolicy().ifPresent(text -> sessionPolicies.add(compile("session-policy", text, PolicyUse.SESSION)));
            for (String policyArn : session.get().policyArns()) {
                // A managed session policy deleted since the session began grants nothing more; it cannot have widened anything.
                ManagedPolicyDocuments.byArn(transaction, accountId, policyArn)
                        .ifPresent(document -> sessionPolicies.add(compile(document.arn(), document.document(), PolicyUse.SESSION)));
            }
            sessionGroup = Optional.of(PolicyGroup.of(PolicyLayer.SESSION, sessionPolicies));
        }
        return new PolicySet(Optional.empty(), PolicyGroup.of(PolicyLayer.IDENTITY, identity), boundary, sessionGroup);
    }

    private static void addOwnerPolicies(ReadTransaction transaction, String accountId, String ownerKind, String ownerId, String label, List<CompiledPolicy> into)
    {
        for (InlinePolicies.InlinePolicy inline : InlinePolicies.forOwner(transaction, accountId, ownerKind, ownerId)) {
            into.add(compile(label + inline.policyName(), inline.document(), PolicyUse.IDENTITY));
        }
        for (ManagedPolicyDocument managed : ManagedPolicyDocuments.attached(transaction, accountId, ownerKind, ownerId)) {
            into.add(compile(managed.arn(), managed.document(), PolicyUse.IDENTITY));
        }
    }

    private static Optional<PolicyGroup> boundary(ReadTransaction transaction, String accountId, String boundaryArn)
    {
        if (boundaryArn == null) {
            return Optional.empty();
        }
        // A boundary whose policy cannot be found allows nothing: failing open would lift the limit it was set to impose.
        List<CompiledPolicy> policies = ManagedPolicyDocuments.byArn(transaction, accountId, boundaryArn)
                .map(document -> List.of(compile(document.arn(), document.document(), PolicyUse.IDENTITY)))
                .orElse(List.of());
        return Optional.of(PolicyGroup.of(PolicyLayer.PERMISSIONS_BOUNDARY, policies));
    }

    private static CompiledPolicy compile(String policyId, String text, PolicyUse use)
    {
        // Stored policies were validated when written; should one fail now, the exception fails the request (closed),
        // never a silently skipped policy that might have held a Deny.
        return CompiledPolicy.compile(policyId, PolicyParser.parse(text, use));
    }
}
