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
import dev.lanyard.services.iam.ManagedPolicyDocuments;
import dev.lanyard.services.iam.PrincipalPolicySources;
import dev.lanyard.services.iam.PrincipalPolicySources.GroupOrder;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.services.iam.UserBody;
import dev.lanyard.services.sts.SessionClaims;
import dev.lanyard.store.Entity;
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
 * the request context needs of the principal (its tags, its ARN and name). Which stored policies a principal has comes
 * from {@link PrincipalPolicySources}, shared with the policy simulator; this compiles them.
 *
 * @param principalArn the user's or role's ARN (aws:PrincipalArn; a role session's is the role's, as AWS reports it)
 * @param userName the user's name for aws:username; empty for roles
 * @param tags the user's or role's tags (aws:PrincipalTag/...), before session tags
 */
record PrincipalPolicies(PolicySet policySet, String principalArn, Optional<String> userName, Map<String, String> tags)
{
    PrincipalPolicies
    {
        requireNonNull(policySet, "policySet is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(userName, "userName is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
    }

    /** A user's policies (long-term key or GetSessionToken session); a deleted user has none, so is allowed nothing. */
    static PrincipalPolicies user(ReadTransaction transaction, String accountId, String userId, Optional<SessionLayer> session)
    {
        Optional<Entity> user = transaction.entityById(accountId, EntityKinds.USER, userId);
        List<CompiledPolicy> identity = List.of();
        Optional<PolicyGroup> boundary = Optional.empty();
        Map<String, String> tags = new LinkedHashMap<>();
        String arn = IamArns.user(accountId, "/", userId);
        Optional<String> userName = Optional.empty();
        if (user.isPresent()) {
            Entity entity = user.get();
            arn = IamArns.user(accountId, entity.path(), entity.name());
            userName = Optional.of(entity.name());
            PrincipalPolicySources sources = PrincipalPolicySources.ofUser(transaction, accountId, entity, GroupOrder.BY_ID);
            identity = compileIdentity(sources);
            boundary = compileBoundary(sources);
            UserBody body = EntityJson.read(entity.body(), UserBody.class);
            for (StoredTag tag : body.tags()) {
                tags.put(tag.key(), tag.value());
            }
        }
        return new PrincipalPolicies(policySet(identity, boundary, transaction, accountId, session), arn, userName, tags);
    }

    /** A role's policies for one of its sessions; a deleted role has none. */
    static PrincipalPolicies role(ReadTransaction transaction, String accountId, String roleId, Optional<SessionLayer> session)
    {
        Optional<Entity> role = transaction.entityById(accountId, EntityKinds.ROLE, roleId);
        List<CompiledPolicy> identity = List.of();
        Optional<PolicyGroup> boundary = Optional.empty();
        Map<String, String> tags = new LinkedHashMap<>();
        String arn = IamArns.role(accountId, "/", roleId);
        if (role.isPresent()) {
            Entity entity = role.get();
            arn = IamArns.role(accountId, entity.path(), entity.name());
            PrincipalPolicySources sources = PrincipalPolicySources.ofRole(transaction, accountId, entity);
            identity = compileIdentity(sources);
            boundary = compileBoundary(sources);
            RoleBody body = EntityJson.read(entity.body(), RoleBody.class);
            for (StoredTag tag : body.tags()) {
                tags.put(tag.key(), tag.value());
            }
        }
        return new PrincipalPolicies(policySet(identity, boundary, transaction, accountId, session), arn, Optional.empty(), tags);
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

    private static List<CompiledPolicy> compileIdentity(PrincipalPolicySources sources)
    {
        return sources.identity().stream()
                .map(source -> compile(source.id(), source.document(), PolicyUse.IDENTITY))
                .toList();
    }

    private static Optional<PolicyGroup> compileBoundary(PrincipalPolicySources sources)
    {
        // A boundary whose policy cannot be found allows nothing: failing open would lift the limit it was set to impose.
        return sources.boundary().map(boundary -> PolicyGroup.of(
                PolicyLayer.PERMISSIONS_BOUNDARY,
                boundary.policy().map(source -> compile(source.id(), source.document(), PolicyUse.IDENTITY)).stream().toList()));
    }

    private static CompiledPolicy compile(String policyId, String text, PolicyUse use)
    {
        // Stored policies were validated when written; should one fail now, the exception fails the request (closed),
        // never a silently skipped policy that might have held a Deny.
        return CompiledPolicy.compile(policyId, PolicyParser.parse(text, use));
    }
}
