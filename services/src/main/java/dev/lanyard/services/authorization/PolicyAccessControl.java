package dev.lanyard.services.authorization;

import dev.lanyard.policy.evaluation.ConditionKeys;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.EvaluationResult;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.PrincipalKind;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.RevisionCache;
import dev.lanyard.services.authorization.PrincipalPolicies.SessionLayer;
import dev.lanyard.services.sts.SessionClaims;
import dev.lanyard.store.Store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link AccessControl} over the policy engine: builds the caller's {@link RequestPrincipal}, {@link PolicySet} and request
 * context, and decides.
 *
 * <p>The account root with its own key (or a GetSessionToken session of it) is allowed everything in its account without
 * building anything, unless a resource policy comes with the call (an explicit Deny there binds the root too).
 *
 * <p>Compiled policy sets are cached per principal (and session policies), tagged with the store revision they were read
 * at: any write advances the revision, so a changed policy reaches every live session on its next request. The cache is
 * bounded by dropping everything when full, which is cheap and rare (one entry per active principal).
 */
public final class PolicyAccessControl
        implements AccessControl
{
    static final int MAXIMUM_CACHED_PRINCIPALS = 10_000;
    private static final Decision ROOT_ALLOWED = new Decision(EvaluationResult.ALLOWED, PolicyLayer.ACCOUNT_ROOT, List.of());
    private static final PolicySet NO_POLICIES = PolicySet.identityOnly(List.of());

    private final AccessDenials denials;
    private final RevisionCache<CacheKey, PrincipalPolicies> cache;

    public PolicyAccessControl(Store store, AccessDenials denials)
    {
        this.denials = requireNonNull(denials, "denials is null");
        this.cache = new RevisionCache<>(requireNonNull(store, "store is null"), MAXIMUM_CACHED_PRINCIPALS);
    }

    @Override
    public Decision decide(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
    {
        return evaluate(context, action, resourceArn, extraContext, resourcePolicies).decision();
    }

    @Override
    public void require(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
    {
        Evaluation evaluation = evaluate(context, action, resourceArn, extraContext, resourcePolicies);
        if (!evaluation.decision().allowed()) {
            throw denials.denied(context, evaluation.decision(), evaluation.request());
        }
    }

    /** A decision and the request context it was made on (null for the root's fast path, which builds none). */
    private record Evaluation(Decision decision, RequestContext request) {}

    private Evaluation evaluate(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
    {
        requireNonNull(context, "context is null");
        requireNonNull(action, "action is null");
        requireNonNull(resourceArn, "resourceArn is null");
        requireNonNull(extraContext, "extraContext is null");
        requireNonNull(resourcePolicies, "resourcePolicies is null");
        Caller caller = context.caller();
        if (caller.isRoot() && resourcePolicies.isEmpty()) {
            return new Evaluation(ROOT_ALLOWED, null);
        }

        // The root and anonymous callers (unsigned web-identity and SAML requests) have no identity policies of their own.
        boolean withoutIdentityPolicies = caller.isRoot() || caller.type() == Caller.PrincipalType.ANONYMOUS;
        PrincipalPolicies principal = withoutIdentityPolicies ? null : principalPolicies(caller);
        RequestContext.Builder request = RequestContext.builder(requestPrincipal(caller, principal), action, resourceArn);
        resourcePolicies.ifPresent(resource -> request.resourceAccount(resource.resourceAccountId()));
        extraContext.forEach(request::putAll);
        addGlobalKeys(request, context, principal);
        RequestContext built = request.build();
        PolicySet policySet = principal == null ? NO_POLICIES : principal.policySet();
        Optional<PolicyGroup> resourceGroup = resourcePolicies.map(ResourcePolicies::policies);
        return new Evaluation(policySet.decide(built, resourceGroup), built);
    }

    private PrincipalPolicies principalPolicies(Caller caller)
    {
        CacheKey key = CacheKey.of(caller);
        return cache.get(key, transaction -> Optional.of(switch (key.kind()) {
            case USER -> PrincipalPolicies.user(transaction, key.accountId(), key.principalId(), key.session());
            case ROLE -> PrincipalPolicies.role(transaction, key.accountId(), key.principalId(), key.session());
        })).orElseThrow();
    }

    /** How many principals are cached (for tests of the bound). */
    int cachedPrincipals()
    {
        return cache.size();
    }

    private enum PrincipalSource
    {
        USER,
        ROLE,
    }

    /** A principal and the session policies that narrow it: sessions with the same policies share compiled sets. */
    private record CacheKey(String accountId, PrincipalSource kind, String principalId, Optional<SessionLayer> session)
    {
        static CacheKey of(Caller caller)
        {
            Optional<SessionClaims> claims = caller.session();
            return switch (caller.type()) {
                case USER -> new CacheKey(caller.accountId(), PrincipalSource.USER, claims.map(SessionClaims::sourcePrincipalId).orElse(caller.userId()), Optional.empty());
                case ASSUMED_ROLE -> {
                    SessionClaims session = claims.orElseThrow(() -> new IllegalStateException("a role session without claims: " + caller.arn()));
                    SessionLayer layer = SessionLayer.of(session);
                    yield new CacheKey(caller.accountId(), PrincipalSource.ROLE, session.sourcePrincipalId(), layer.isEmpty() ? Optional.empty() : Optional.of(layer));
                }
                case FEDERATED_USER -> {
                    SessionClaims session = claims.orElseThrow(() -> new IllegalStateException("a federated user without claims: " + caller.arn()));
                    // Always a session layer, even an empty one: without passed policies a federated user may do nothing.
                    yield new CacheKey(caller.accountId(), PrincipalSource.USER, session.sourcePrincipalId(), Optional.of(SessionLayer.of(session)));
                }
                case ROOT, ANONYMOUS -> throw new IllegalArgumentException("no cached policies for " + caller.type());
            };
        }
    }

    private static RequestPrincipal requestPrincipal(Caller caller, PrincipalPolicies principal)
    {
        return switch (caller.type()) {
            case ROOT -> RequestPrincipal.root(caller.accountId());
            case USER -> RequestPrincipal.user(caller.accountId(), principal.principalArn());
            case ASSUMED_ROLE -> RequestPrincipal.roleSession(caller.accountId(), principal.principalArn(), caller.arn());
            case FEDERATED_USER -> new RequestPrincipal(PrincipalKind.FEDERATED_USER, caller.arn(), Optional.of(caller.accountId()), Optional.empty(), Optional.empty());
            case ANONYMOUS -> RequestPrincipal.anonymous();
        };
    }

    /** The keys every request carries; they are put last, so nothing an operation supplies can stand in for them. */
    private static void addGlobalKeys(RequestContext.Builder request, CallContext context, PrincipalPolicies principal)
    {
        Caller caller = context.caller();
        request.put(ConditionKeys.PRINCIPAL_ACCOUNT, ContextValue.string(caller.accountId()));
        request.put(ConditionKeys.USER_ID, ContextValue.string(caller.userId()));
        request.put(ConditionKeys.CURRENT_TIME, ContextValue.date(context.requestTime()));
        request.put(ConditionKeys.EPOCH_TIME, ContextValue.number(context.requestTime().getEpochSecond()));
        request.put(ConditionKeys.SOURCE_IP, ContextValue.ipAddress(context.sourceIp()));
        request.put(ConditionKeys.SECURE_TRANSPORT, ContextValue.bool(context.secureTransport()));
        request.put(ConditionKeys.REQUESTED_REGION, ContextValue.string(context.region()));
        if (!context.userAgent().isEmpty()) {
            request.put(ConditionKeys.USER_AGENT, ContextValue.string(context.userAgent()));
        }
        switch (caller.type()) {
            case ROOT -> {
                request.put(ConditionKeys.PRINCIPAL_ARN, ContextValue.arn(caller.arn()));
                request.put(ConditionKeys.PRINCIPAL_TYPE, ContextValue.string("Account"));
            }
            case USER -> {
                request.put(ConditionKeys.PRINCIPAL_ARN, ContextValue.arn(principal.principalArn()));
                request.put(ConditionKeys.PRINCIPAL_TYPE, ContextValue.string("User"));
                principal.userName().ifPresent(name -> request.put(ConditionKeys.USERNAME, ContextValue.string(name)));
            }
            case ASSUMED_ROLE -> {
                request.put(ConditionKeys.PRINCIPAL_ARN, ContextValue.arn(principal.principalArn()));
                request.put(ConditionKeys.PRINCIPAL_TYPE, ContextValue.string("AssumedRole"));
            }
            case FEDERATED_USER -> {
                request.put(ConditionKeys.PRINCIPAL_ARN, ContextValue.arn(caller.arn()));
                request.put(ConditionKeys.PRINCIPAL_TYPE, ContextValue.string("FederatedUser"));
            }
            case ANONYMOUS -> {
            }
        }
        if (principal != null) {
            principal.tags().forEach((key, value) -> request.put(ConditionKeys.PRINCIPAL_TAG_PREFIX + key, ContextValue.string(value)));
        }
        Optional<SessionClaims> session = caller.session();
        if (session.isEmpty()) {
            // Long-term keys: AWS leaves aws:MultiFactorAuthPresent out entirely (hence the documented BoolIfExists idiom).
            return;
        }
        SessionClaims claims = session.get();
        // Session tags override the role's tags of the same key (AWS).
        claims.tags().forEach((key, value) -> request.put(ConditionKeys.PRINCIPAL_TAG_PREFIX + key, ContextValue.string(value)));
        request.put(ConditionKeys.TOKEN_ISSUE_TIME, ContextValue.date(claims.issuedAt()));
        request.put(ConditionKeys.MULTI_FACTOR_AUTH_PRESENT, ContextValue.bool(claims.mfaAuthenticatedAt().isPresent()));
        claims.mfaAuthenticatedAt().ifPresent(at -> request.put(ConditionKeys.MULTI_FACTOR_AUTH_AGE,
                ContextValue.number(Math.max(0, Duration.between(at, context.requestTime()).toSeconds()))));
        if (claims.kind() == SessionClaims.SessionKind.ASSUMED_ROLE && !claims.sessionName().isEmpty()) {
            request.put(ConditionKeys.ROLE_SESSION_NAME, ContextValue.string(claims.sessionName()));
        }
        claims.sourceIdentity().ifPresent(identity -> {
            request.put(ConditionKeys.SOURCE_IDENTITY, ContextValue.string(identity));
            request.put("aws:SourceIdentity", ContextValue.string(identity));
        });
    }
}
