package dev.lanyard.services.emr;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.document.PolicyParser;
import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.services.ec2.ServiceLaunches;
import dev.lanyard.services.ec2.ServiceLaunches.HandedProfile;
import dev.lanyard.services.emr.HandedRoles.HandedRole;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamArns;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.services.iam.TrustPolicyPrincipals;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The roles a cluster is given: the service role (assumed by EMR), the instance profile's role (assumed by EC2 on the
 * cluster's instances) and the optional automatic scaling role. Each must be a role of the caller's account whose trust
 * policy lets its service assume it — evaluated with the policy engine, principal the service, as STS would evaluate the
 * service's AssumeRole — and the caller must be allowed iam:PassRole on each, with iam:PassedToService the service.
 */
final class EmrRoles
{
    static final String EMR_SERVICE = "elasticmapreduce.amazonaws.com";
    static final String EC2_SERVICE = "ec2.amazonaws.com";
    static final String APPLICATION_AUTOSCALING_SERVICE = "application-autoscaling.amazonaws.com";

    private static final PolicySet NO_IDENTITY_POLICIES = PolicySet.identityOnly(List.of());

    private final AccessControl accessControl;

    EmrRoles(AccessControl accessControl)
    {
        this.accessControl = requireNonNull(accessControl, "accessControl is null");
    }

    /** The roles as given, checked for existence and trust; ValidationException otherwise. */
    static HandedRoles resolve(ReadTransaction transaction, String accountId, String clusterArn, String serviceRole, String instanceProfile, Optional<String> autoScalingRole, Instant now)
    {
        HandedRole service = role(transaction, accountId, serviceRole)
                .orElseThrow(() -> EmrErrors.validation("Invalid ServiceRole: " + serviceRole));
        if (!trusts(service, accountId, clusterArn, EMR_SERVICE, now)) {
            throw EmrErrors.validation("Service role " + serviceRole + " has invalid trust policy");
        }
        HandedProfile profile = ServiceLaunches.findProfile(transaction, accountId, instanceProfile)
                .orElseThrow(() -> invalidInstanceProfile(instanceProfile));
        HandedRole instanceRole = profile.roleArn()
                .flatMap(roleArn -> role(transaction, accountId, roleArn))
                .orElseThrow(() -> invalidInstanceProfile(instanceProfile));
        if (!trusts(instanceRole, accountId, clusterArn, EC2_SERVICE, now)) {
            throw EmrErrors.validation("Role " + instanceRole.arn() + " of instance profile " + instanceProfile + " has invalid trust policy");
        }
        Optional<HandedRole> scaling = autoScalingRole.map(given -> {
            HandedRole role = role(transaction, accountId, given).orElseThrow(() -> EmrErrors.validation("Invalid AutoScalingRole: " + given));
            if (!trusts(role, accountId, clusterArn, APPLICATION_AUTOSCALING_SERVICE, now) && !trusts(role, accountId, clusterArn, EMR_SERVICE, now)) {
                throw EmrErrors.validation("Auto scaling role " + given + " has invalid trust policy");
            }
            return role;
        });
        return new HandedRoles(service, profile, instanceRole, scaling);
    }

    /** Throws EMR's AccessDeniedException unless the caller may pass each role to the service that will assume it. */
    void requirePassRole(CallContext call, HandedRoles roles, String clusterArn)
    {
        requirePassRole(call, roles.serviceRole(), EMR_SERVICE, clusterArn);
        requirePassRole(call, roles.instanceRole(), EC2_SERVICE, clusterArn);
        roles.autoScalingRole().ifPresent(role -> requirePassRole(call, role, APPLICATION_AUTOSCALING_SERVICE, clusterArn));
    }

    private void requirePassRole(CallContext call, HandedRole role, String service, String clusterArn)
    {
        accessControl.requirePassRole(call, role.arn(), service, clusterArn);
    }

    static RuntimeException invalidInstanceProfile(String instanceProfile)
    {
        return EmrErrors.validation("Invalid InstanceProfile: " + instanceProfile);
    }

    /** A role of the account by name or by full ARN (path included). */
    private static Optional<HandedRole> role(ReadTransaction transaction, String accountId, String nameOrArn)
    {
        String name = nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
        Function<Entity, String> arnOf = role -> IamArns.role(accountId, role.path(), role.name());
        return transaction.entityByName(accountId, EntityKinds.ROLE, name)
                .filter(role -> !nameOrArn.startsWith("arn:") || arnOf.apply(role).equals(nameOrArn))
                .map(role -> {
                    RoleBody body = EntityJson.read(role.body(), RoleBody.class);
                    return new HandedRole(role.id(), arnOf.apply(role), TrustPolicyPrincipals.display(transaction, body.assumeRolePolicyDocument(), body.trustPrincipals()));
                });
    }

    /** Whether the service may assume the role: its trust policy alone decides, as for any service principal. */
    private static boolean trusts(HandedRole role, String accountId, String clusterArn, String service, Instant now)
    {
        CompiledPolicy trust = CompiledPolicy.compile(role.id(), PolicyParser.parse(role.trustPolicy(), PolicyUse.TRUST));
        RequestContext request = RequestContext.builder(RequestPrincipal.service(service), "sts:AssumeRole", role.arn())
                .resourceAccount(accountId)
                .put("aws:CurrentTime", ContextValue.date(now))
                .put("aws:EpochTime", ContextValue.number(now.getEpochSecond()))
                .put("aws:SecureTransport", ContextValue.bool(true))
                .put("aws:SourceAccount", ContextValue.string(accountId))
                .put("aws:SourceArn", ContextValue.arn(clusterArn))
                .build();
        return NO_IDENTITY_POLICIES.decide(request, Optional.of(PolicyGroup.roleTrust(List.of(trust)))).allowed();
    }
}
