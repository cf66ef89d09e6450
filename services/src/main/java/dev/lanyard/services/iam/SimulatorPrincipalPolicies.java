package dev.lanyard.services.iam;

import dev.lanyard.services.iam.PrincipalPolicySources.GroupOrder;
import dev.lanyard.services.iam.PrincipalPolicySources.PermissionsBoundary;
import dev.lanyard.services.iam.PrincipalPolicySources.PolicySource;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.PolicySourceType;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The policies of a user, group or role as the simulator (SimulatePrincipalPolicy, GetContextKeysForPrincipalPolicy)
 * sees them: a user's inline and attached policies plus those of each of its groups; a group's or role's own; and the
 * permissions boundary of a user or role.
 *
 * <p>The policies come from {@link PrincipalPolicySources}, as live authorization's do; this names them as the simulator
 * reports them.
 */
public final class SimulatorPrincipalPolicies
{
    private static final Pattern ENTITY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):(user|group|role)(/|/.*/)([^/]+)");

    private SimulatorPrincipalPolicies() {}

    /**
     * One policy document and how the simulator names it in MatchedStatements.
     *
     * @param sourceId SourcePolicyId: the policy's name (inline or managed), or "PolicyInputList.N" for request input
     * @param sourceType SourcePolicyType
     * @param fromRequest whether the caller passed the text in this request (a bad document is the caller's input error)
     */
    public record SimulatorPolicySource(String sourceId, PolicySourceType sourceType, String document, boolean fromRequest)
    {
        public SimulatorPolicySource
        {
            requireNonNull(sourceId, "sourceId is null");
            requireNonNull(sourceType, "sourceType is null");
            requireNonNull(document, "document is null");
        }
    }

    /**
     * A principal named by PolicySourceArn and its policies.
     *
     * @param kind {@link EntityKinds#USER}, {@link EntityKinds#GROUP} or {@link EntityKinds#ROLE}
     * @param boundary empty when the principal has no permissions boundary (groups never have one)
     */
    public record SimulatorPrincipal(String kind, String arn, String accountId, List<SimulatorPolicySource> identity, Optional<SimulatorPolicySource> boundary)
    {
        public SimulatorPrincipal
        {
            requireNonNull(kind, "kind is null");
            requireNonNull(arn, "arn is null");
            requireNonNull(accountId, "accountId is null");
            identity = List.copyOf(requireNonNull(identity, "identity is null"));
            requireNonNull(boundary, "boundary is null");
        }
    }

    /** Reads the principal an ARN names in the caller's account; NoSuchEntity when it does not exist there. */
    public static SimulatorPrincipal load(ReadTransaction transaction, String callerAccountId, String policySourceArn)
    {
        Matcher matcher = ENTITY_ARN.matcher(policySourceArn);
        if (!matcher.matches()) {
            throw IamErrors.invalidInput("Invalid Entity Arn: " + policySourceArn);
        }
        String kind = matcher.group(2);
        String path = matcher.group(3);
        String name = matcher.group(4);
        // Entities of other accounts are invisible: such an ARN names nothing the caller can see.
        Entity entity = Optional.of(matcher.group(1))
                .filter(callerAccountId::equals)
                .flatMap(ignored -> transaction.entityByName(callerAccountId, kind, name))
                .filter(found -> found.path().equals(path))
                .orElseThrow(() -> IamErrors.noSuchEntity(kind, name));

        PrincipalPolicySources sources = switch (kind) {
            case EntityKinds.USER -> PrincipalPolicySources.ofUser(transaction, callerAccountId, entity, GroupOrder.BY_NAME);
            case EntityKinds.GROUP -> PrincipalPolicySources.ofGroup(transaction, callerAccountId, entity);
            case EntityKinds.ROLE -> PrincipalPolicySources.ofRole(transaction, callerAccountId, entity);
            default -> throw new IllegalStateException("The ARN pattern admits only users, groups and roles: " + kind);
        };
        List<SimulatorPolicySource> identity = sources.identity().stream().map(SimulatorPrincipalPolicies::storedSource).toList();
        // A boundary whose policy no longer exists is left out here, while live authorization then allows nothing.
        Optional<SimulatorPolicySource> boundary = sources.boundary()
                .flatMap(PermissionsBoundary::policy)
                .map(SimulatorPrincipalPolicies::storedSource);
        return new SimulatorPrincipal(kind, policySourceArn, callerAccountId, identity, boundary);
    }

    private static SimulatorPolicySource storedSource(PolicySource source)
    {
        return new SimulatorPolicySource(source.name(), source.type(), source.document(), false);
    }
}
