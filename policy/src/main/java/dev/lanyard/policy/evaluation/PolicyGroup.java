package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.document.Effect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The policies of one layer (all identity policies of a principal, or all resource policies of a resource), indexed
 * together so a request visits only the statements that can match its action.
 *
 * <p>Index: an exact action ("s3:getobject") maps to the statements naming it, plus those with a wildcard pattern in
 * its service, plus the generic ones (service part with a wildcard, or NotAction); a service maps to its wildcard
 * statements plus the generic ones. Every candidate list is in document order and precomputed, so a lookup is one or
 * two hash probes and nothing is merged per request.
 */
public final class PolicyGroup
{
    static final int DENY = 1;

    private final PolicyLayer layer;
    private final boolean mustAllow;
    private final List<CompiledPolicy> policies;
    private final CompiledStatement[] statements;
    private final MatchedStatement[] descriptions;
    private final Map<String, int[]> byAction;
    private final Map<String, int[]> byService;
    private final int[] generic;

    private PolicyGroup(PolicyLayer layer, List<CompiledPolicy> policies, boolean mustAllow)
    {
        this.layer = requireNonNull(layer, "layer is null");
        this.mustAllow = mustAllow;
        this.policies = List.copyOf(requireNonNull(policies, "policies is null"));
        List<CompiledStatement> all = new ArrayList<>();
        List<MatchedStatement> described = new ArrayList<>();
        for (CompiledPolicy policy : this.policies) {
            for (CompiledStatement statement : policy.statements()) {
                all.add(statement);
                described.add(MatchedStatement.of(policy.policyId(), layer, statement.statement()));
            }
        }
        this.statements = all.toArray(CompiledStatement[]::new);
        this.descriptions = described.toArray(MatchedStatement[]::new);

        Map<String, TreeSet<Integer>> exact = new HashMap<>();
        Map<String, TreeSet<Integer>> serviceWildcards = new HashMap<>();
        TreeSet<Integer> genericSet = new TreeSet<>();
        for (int index = 0; index < statements.length; index++) {
            CompiledStatement statement = statements[index];
            if (statement.notAction()) {
                genericSet.add(index);
                continue;
            }
            for (String action : statement.lowerCaseActions()) {
                int colon = action.indexOf(':');
                String service = colon < 0 ? action : action.substring(0, colon);
                if (colon < 0 || hasWildcard(service)) {
                    genericSet.add(index);
                }
                else if (hasWildcard(action)) {
                    serviceWildcards.computeIfAbsent(service, ignored -> new TreeSet<>()).add(index);
                }
                else {
                    exact.computeIfAbsent(action, ignored -> new TreeSet<>()).add(index);
                }
            }
        }
        this.generic = toArray(genericSet);
        Map<String, int[]> services = new HashMap<>();
        serviceWildcards.forEach((service, indexes) -> {
            TreeSet<Integer> candidates = new TreeSet<>(indexes);
            candidates.addAll(genericSet);
            services.put(service, toArray(candidates));
        });
        Map<String, int[]> actions = new HashMap<>();
        exact.forEach((action, indexes) -> {
            TreeSet<Integer> candidates = new TreeSet<>(indexes);
            candidates.addAll(serviceWildcards.getOrDefault(action.substring(0, action.indexOf(':')), new TreeSet<>()));
            candidates.addAll(genericSet);
            actions.put(action, toArray(candidates));
        });
        this.byService = Map.copyOf(services);
        this.byAction = Map.copyOf(actions);
    }

    public static PolicyGroup of(PolicyLayer layer, List<CompiledPolicy> policies)
    {
        return new PolicyGroup(layer, policies, false);
    }

    /**
     * A role's trust policy, the resource policy of sts:AssumeRole and friends. Unlike other resource policies it must
     * always allow: identity policies alone never let anyone assume a role (AWS: "the role trust policy ... must allow").
     * Within one account a trust policy naming the principal itself is still enough on its own.
     */
    public static PolicyGroup roleTrust(List<CompiledPolicy> policies)
    {
        return new PolicyGroup(PolicyLayer.RESOURCE, policies, true);
    }

    /** Whether this resource policy must allow for any request to be allowed (role trust policies). */
    public boolean mustAllow()
    {
        return mustAllow;
    }

    public PolicyLayer layer()
    {
        return layer;
    }

    public List<CompiledPolicy> policies()
    {
        return policies;
    }

    public boolean isEmpty()
    {
        return statements.length == 0;
    }

    /** How many statements a request for this action visits (for tests and benchmarks of the index). */
    int candidateCount(RequestContext request)
    {
        return candidates(request).length;
    }

    /**
     * Evaluates the candidates; returns {@code DENY} if a Deny applied, plus the strongest principal match of an applying
     * Allow shifted left by one. Adds matched statements to {@code matches} when it is not null.
     */
    int evaluate(RequestContext request, Matches matches)
    {
        int result = 0;
        int bestAllow = CompiledPrincipal.NONE;
        for (int index : candidates(request)) {
            int strength = statements[index].applies(request);
            if (strength == CompiledPrincipal.NONE) {
                continue;
            }
            if (statements[index].effect() == Effect.DENY) {
                result |= DENY;
                if (matches != null) {
                    matches.addDeny(descriptions[index]);
                }
            }
            else {
                bestAllow = Math.max(bestAllow, strength);
                if (matches != null) {
                    matches.addAllow(descriptions[index]);
                }
            }
        }
        return result | (bestAllow << 1);
    }

    /**
     * This layer's verdict on its own, for the simulator's per-layer details (EvalDecisionDetails,
     * PermissionsBoundaryDecisionDetail, OrganizationsDecisionDetail): explicitDeny, allowed, or implicitDeny.
     */
    public EvaluationResult outcome(RequestContext request)
    {
        int outcome = evaluate(request, null);
        if (denies(outcome)) {
            return EvaluationResult.EXPLICIT_DENY;
        }
        return allowStrength(outcome) != CompiledPrincipal.NONE ? EvaluationResult.ALLOWED : EvaluationResult.IMPLICIT_DENY;
    }

    static boolean denies(int outcome)
    {
        return (outcome & DENY) != 0;
    }

    static int allowStrength(int outcome)
    {
        return outcome >>> 1;
    }

    private int[] candidates(RequestContext request)
    {
        int[] candidates = byAction.get(request.actionLowerCase());
        if (candidates != null) {
            return candidates;
        }
        candidates = byService.get(request.serviceLowerCase());
        return candidates != null ? candidates : generic;
    }

    private static boolean hasWildcard(String text)
    {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    private static int[] toArray(TreeSet<Integer> indexes)
    {
        return indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Collected matched statements of one decision. */
    static final class Matches
    {
        private List<MatchedStatement> denies;
        private List<MatchedStatement> allows;

        void addDeny(MatchedStatement statement)
        {
            if (denies == null) {
                denies = new ArrayList<>(2);
            }
            denies.add(statement);
        }

        void addAllow(MatchedStatement statement)
        {
            if (allows == null) {
                allows = new ArrayList<>(4);
            }
            allows.add(statement);
        }

        List<MatchedStatement> denies()
        {
            return denies == null ? List.of() : denies;
        }

        List<MatchedStatement> allows()
        {
            return allows == null ? List.of() : allows;
        }
    }
}
