package dev.lanyard.policy.evaluation;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The compiled policies that apply to one principal: organization, identity, permissions boundary and session layers.
 * Build it once per principal and store revision and cache it; {@link #decide} is thread-safe and allocates only the
 * decision. Resource-based policies belong to the resource and come with each call.
 *
 * <p>The evaluation logic follows AWS's documented order:
 * <ol>
 * <li>a Deny that applies in any layer wins (explicitDeny);
 * <li>an organization layer, when present, must allow;
 * <li>the account root user is allowed within its own account;
 * <li>services, web identities and anonymous callers have no identity policies: only a resource policy can allow;
 * <li>same account: a resource policy naming the user or session itself ({@code DIRECT}) allows on its own; naming the
 *     role allows if the boundary and session policies (when present) allow; otherwise identity policies must allow,
 *     then the boundary, then the session policies;
 * <li>cross account: the identity path above must allow, and the resource policy must allow too (naming the account is enough).
 * </ol>
 */
public final class PolicySet
{
    private final Optional<PolicyGroup> organization;
    private final PolicyGroup identity;
    private final Optional<PolicyGroup> permissionsBoundary;
    private final Optional<PolicyGroup> session;
    private final PolicyGroup organizationGroup;
    private final PolicyGroup boundaryGroup;
    private final PolicyGroup sessionGroup;

    public PolicySet(Optional<PolicyGroup> organization, PolicyGroup identity, Optional<PolicyGroup> permissionsBoundary, Optional<PolicyGroup> session)
    {
        this.organization = requireNonNull(organization, "organization is null");
        this.identity = requireNonNull(identity, "identity is null");
        this.permissionsBoundary = requireNonNull(permissionsBoundary, "permissionsBoundary is null");
        this.session = requireNonNull(session, "session is null");
        this.organizationGroup = organization.orElse(null);
        this.boundaryGroup = permissionsBoundary.orElse(null);
        this.sessionGroup = session.orElse(null);
    }

    public static PolicySet identityOnly(List<CompiledPolicy> identityPolicies)
    {
        return new PolicySet(Optional.empty(), PolicyGroup.of(PolicyLayer.IDENTITY, identityPolicies), Optional.empty(), Optional.empty());
    }

    public Optional<PolicyGroup> organization()
    {
        return organization;
    }

    public PolicyGroup identity()
    {
        return identity;
    }

    public Optional<PolicyGroup> permissionsBoundary()
    {
        return permissionsBoundary;
    }

    public Optional<PolicyGroup> session()
    {
        return session;
    }

    public Decision decide(RequestContext request)
    {
        return decide(request, Optional.empty());
    }

    /**
     * The decision with the statements that produced it (for the simulator, audit log and explanations).
     *
     * @param resourcePolicies the resource's policies (a role's trust policy for sts:AssumeRole), empty when it has none
     */
    public Decision decide(RequestContext request, Optional<PolicyGroup> resourcePolicies)
    {
        return decide(request, resourcePolicies, true);
    }

    /**
     * The same result and layer as {@link #decide} without the matched statements: the hot path of authorizing a call.
     * Returns shared instances and allocates nothing unless a policy variable has to be substituted.
     */
    public Decision evaluate(RequestContext request, Optional<PolicyGroup> resourcePolicies)
    {
        return decide(request, resourcePolicies, false);
    }

    private Decision decide(RequestContext request, Optional<PolicyGroup> resourcePolicies, boolean explain)
    {
        // plain null checks rather than Optional.map: capturing lambdas would allocate on every request
        PolicyGroup.Matches matches = explain ? new PolicyGroup.Matches() : null;
        int organizationOutcome = organizationGroup == null ? 0 : organizationGroup.evaluate(request, matches);
        int resourceOutcome = resourcePolicies.isEmpty() ? 0 : resourcePolicies.get().evaluate(request, matches);
        RequestPrincipal principal = request.principal();
        boolean identityApplies = principal.hasIdentityPolicies();
        int identityOutcome = identityApplies ? identity.evaluate(request, matches) : 0;
        int boundaryOutcome = identityApplies && boundaryGroup != null ? boundaryGroup.evaluate(request, matches) : 0;
        int sessionOutcome = identityApplies && sessionGroup != null ? sessionGroup.evaluate(request, matches) : 0;

        PolicyLayer denyLayer = firstDenyLayer(organizationOutcome, resourceOutcome, identityOutcome, boundaryOutcome, sessionOutcome);
        if (denyLayer != null) {
            return explain ? new Decision(EvaluationResult.EXPLICIT_DENY, denyLayer, matches.denies()) : Decision.of(EvaluationResult.EXPLICIT_DENY, denyLayer);
        }
        if (organization.isPresent() && PolicyGroup.allowStrength(organizationOutcome) == CompiledPrincipal.NONE) {
            return implicitDeny(PolicyLayer.ORGANIZATION);
        }
        int resourceStrength = PolicyGroup.allowStrength(resourceOutcome);
        if (resourceStrength == CompiledPrincipal.NONE && resourcePolicies.isPresent() && resourcePolicies.get().mustAllow()) {
            return implicitDeny(PolicyLayer.RESOURCE);
        }
        if (principal.kind() == PrincipalKind.ACCOUNT_ROOT) {
            if (!request.crossAccount()) {
                return allowed(PolicyLayer.ACCOUNT_ROOT, matches);
            }
            return resourceStrength != CompiledPrincipal.NONE ? allowed(PolicyLayer.RESOURCE, matches) : implicitDeny(PolicyLayer.RESOURCE);
        }
        if (!identityApplies) {
            return resourceStrength != CompiledPrincipal.NONE ? allowed(PolicyLayer.RESOURCE, matches) : implicitDeny(PolicyLayer.RESOURCE);
        }

        boolean boundaryAllows = permissionsBoundary.isEmpty() || PolicyGroup.allowStrength(boundaryOutcome) != CompiledPrincipal.NONE;
        boolean sessionAllows = session.isEmpty() || PolicyGroup.allowStrength(sessionOutcome) != CompiledPrincipal.NONE;
        boolean identityAllows = PolicyGroup.allowStrength(identityOutcome) != CompiledPrincipal.NONE;

        if (!request.crossAccount()) {
            if (resourceStrength == CompiledPrincipal.DIRECT) {
                return allowed(PolicyLayer.RESOURCE, matches);
            }
            if (resourceStrength == CompiledPrincipal.ROLE && boundaryAllows && sessionAllows) {
                return allowed(PolicyLayer.RESOURCE, matches);
            }
        }
        if (!identityAllows) {
            return implicitDeny(PolicyLayer.IDENTITY);
        }
        if (!boundaryAllows) {
            return implicitDeny(PolicyLayer.PERMISSIONS_BOUNDARY);
        }
        if (!sessionAllows) {
            return implicitDeny(PolicyLayer.SESSION);
        }
        if (request.crossAccount() && resourceStrength == CompiledPrincipal.NONE) {
            return implicitDeny(PolicyLayer.RESOURCE);
        }
        return allowed(PolicyLayer.IDENTITY, matches);
    }

    private static PolicyLayer firstDenyLayer(int organization, int resource, int identity, int boundary, int session)
    {
        if (PolicyGroup.denies(organization)) {
            return PolicyLayer.ORGANIZATION;
        }
        if (PolicyGroup.denies(resource)) {
            return PolicyLayer.RESOURCE;
        }
        if (PolicyGroup.denies(identity)) {
            return PolicyLayer.IDENTITY;
        }
        if (PolicyGroup.denies(boundary)) {
            return PolicyLayer.PERMISSIONS_BOUNDARY;
        }
        if (PolicyGroup.denies(session)) {
            return PolicyLayer.SESSION;
        }
        return null;
    }

    private static Decision allowed(PolicyLayer layer, PolicyGroup.Matches matches)
    {
        return matches == null ? Decision.of(EvaluationResult.ALLOWED, layer) : new Decision(EvaluationResult.ALLOWED, layer, matches.allows());
    }

    private static Decision implicitDeny(PolicyLayer layer)
    {
        return Decision.of(EvaluationResult.IMPLICIT_DENY, layer);
    }
}
