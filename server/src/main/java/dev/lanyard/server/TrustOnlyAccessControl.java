package dev.lanyard.server;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.services.sts.SessionClaims;

import java.util.List;
import java.util.Map;
import java.util.Optional;

// replaced by PolicyAccessControl at merge
/**
 * TEMPORARY: evaluates only the resource policy (a role's trust policy) over an empty identity layer, so the trust side
 * of AssumeRole works before PolicyAccessControl (identity policies, boundaries, session policies) is merged.
 * The caller's own identity policies are NOT consulted here; PolicyAccessControl does that.
 */
final class TrustOnlyAccessControl
        implements AccessControl
{
    private static final PolicySet EMPTY_IDENTITY = PolicySet.identityOnly(List.of());

    @Override
    public Decision decide(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
    {
        Caller caller = context.caller();
        RequestContext.Builder request = RequestContext.builder(principal(caller), action, resourceArn);
        resourcePolicies.ifPresent(policies -> request.resourceAccount(policies.resourceAccountId()));
        request.put("aws:PrincipalArn", ContextValue.arn(caller.arn()));
        request.put("aws:PrincipalAccount", ContextValue.string(caller.accountId()));
        request.put("aws:CurrentTime", ContextValue.date(context.requestTime()));
        request.put("aws:SecureTransport", ContextValue.bool(context.secureTransport()));
        caller.session().flatMap(SessionClaims::mfaAuthenticatedAt).ifPresent(at -> {
            request.put("aws:MultiFactorAuthPresent", ContextValue.bool(true));
            request.put("aws:MultiFactorAuthAge", ContextValue.number(Math.max(0, context.requestTime().getEpochSecond() - at.getEpochSecond())));
        });
        caller.session().ifPresent(session -> session.tags().forEach((key, value) -> request.put("aws:PrincipalTag/" + key, ContextValue.string(value))));
        extraContext.forEach(request::putAll);
        return EMPTY_IDENTITY.decide(request.build(), resourcePolicies.map(ResourcePolicies::policies));
    }

    @Override
    public void require(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
    {
        if (!decide(context, action, resourceArn, extraContext, resourcePolicies).allowed()) {
            throw new AwsErrorException("AccessDenied", "User: " + context.caller().arn() + " is not authorized to perform: " + action + " on resource: " + resourceArn, 403);
        }
    }

    private static RequestPrincipal principal(Caller caller)
    {
        return switch (caller.type()) {
            case ROOT -> RequestPrincipal.root(caller.accountId());
            case USER -> RequestPrincipal.user(caller.accountId(), caller.arn());
            case ASSUMED_ROLE -> {
                // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION; the role's path is not in the session ARN.
                String[] parts = caller.arn().split("/");
                yield RequestPrincipal.roleSession(caller.accountId(), "arn:aws:iam::" + caller.accountId() + ":role/" + parts[1], caller.arn());
            }
            case FEDERATED_USER -> new RequestPrincipal(dev.lanyard.policy.evaluation.PrincipalKind.FEDERATED_USER, caller.arn(), Optional.of(caller.accountId()), Optional.empty(), Optional.empty());
            case ANONYMOUS -> RequestPrincipal.anonymous();
        };
    }
}
