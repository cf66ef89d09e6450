package dev.lanyard.services.authorization;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.services.CallContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy decision for a caller: the pipeline asks it for every operation (action, resources and condition keys from
 * the authorization table); operations registered as self-authorized (AssumeRole and friends, which must verify MFA
 * first and bring the role's trust policy) and operations with extra checks (iam:PassRole) ask it themselves.
 */
public interface AccessControl
{
    /**
     * The decision for the caller of {@code context} to perform {@code action} on {@code resourceArn}. The caller's global
     * condition keys (aws:PrincipalArn, aws:CurrentTime, aws:SourceIp, aws:MultiFactorAuthPresent, aws:PrincipalTag/..., ...)
     * are added to {@code extraContext}; {@code resourcePolicies} are the resource's own policies (a role's trust policy
     * for sts:AssumeRole) with the account that owns the resource.
     */
    Decision decide(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies);

    /** As {@link #decide}, throwing the service's own access-denied error with AWS's message when the decision is not allowed. */
    void require(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies);

    /**
     * Requires iam:PassRole on {@code roleArn} for handing the role to {@code passedToService} for the resource
     * {@code associatedResourceArn}: the two condition keys AWS sets whenever a service receives a role.
     */
    default void requirePassRole(CallContext context, String roleArn, String passedToService, String associatedResourceArn)
    {
        require(context, "iam:PassRole", roleArn, Map.of(
                "iam:PassedToService", List.of(ContextValue.string(passedToService)),
                "iam:AssociatedResourceArn", List.of(ContextValue.arn(associatedResourceArn))), Optional.empty());
    }

    /** A resource's policies and the account that owns the resource (for the same-account / cross-account rules). */
    record ResourcePolicies(String resourceAccountId, PolicyGroup policies) {}
}
