package dev.lanyard.services.sts;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trust decision for AssumeRoleWithWebIdentity and AssumeRoleWithSAML. The caller is anonymous on the wire; the
 * principal is the identity provider that vouched for the user, matched by the trust policy's "Federated" element
 * (the provider's ARN). A federated identity has no identity policies, so only the role's trust policy can allow, and
 * it is evaluated here directly rather than through AccessControl, which knows only callers with AWS identities.
 */
final class FederatedTrust
{
    private static final PolicySet NO_IDENTITY_POLICIES = PolicySet.identityOnly(List.of());

    private FederatedTrust() {}

    /** Throws AccessDenied with AWS's message ("Not authorized to perform sts:AssumeRoleWithWebIdentity") unless the trust policy allows. */
    static void require(CallContext context, AssumableRole role, String providerArn, String action, Map<String, List<ContextValue>> providerKeys)
    {
        if (!allows(context, role, providerArn, action, providerKeys)) {
            throw notAuthorized(action);
        }
    }

    static boolean allows(CallContext context, AssumableRole role, String providerArn, String action, Map<String, List<ContextValue>> providerKeys)
    {
        RequestContext.Builder request = RequestContext.builder(RequestPrincipal.webIdentity(providerArn), action, role.arn())
                .resourceAccount(role.accountId())
                .put("aws:CurrentTime", ContextValue.date(context.requestTime()))
                .put("aws:EpochTime", ContextValue.number(context.requestTime().getEpochSecond()))
                .put("aws:SecureTransport", ContextValue.bool(context.secureTransport()))
                .put("aws:FederatedProvider", ContextValue.arn(providerArn));
        sourceIp(context.sourceIp()).ifPresent(ip -> request.put("aws:SourceIp", ip));
        providerKeys.forEach(request::putAll);
        return NO_IDENTITY_POLICIES.decide(request.build(), Optional.of(role.trustPolicy())).allowed();
    }

    static AwsErrorException notAuthorized(String action)
    {
        return StsErrors.accessDenied("Not authorized to perform " + action);
    }

    private static Optional<ContextValue> sourceIp(String sourceIp)
    {
        try {
            return sourceIp.isEmpty() ? Optional.empty() : Optional.of(ContextValue.ipAddress(sourceIp));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
