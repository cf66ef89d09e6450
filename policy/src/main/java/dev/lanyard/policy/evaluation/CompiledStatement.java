package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.document.ConditionClause;
import dev.lanyard.policy.document.Effect;
import dev.lanyard.policy.document.PrincipalElement;
import dev.lanyard.policy.document.Statement;

import java.util.List;
import java.util.Locale;

/**
 * A statement ready to evaluate: action patterns lowercased (actions are case-insensitive), resource patterns split
 * into ARN parts, conditions parsed for their operators. Evaluating allocates nothing unless a policy variable must be
 * substituted.
 */
final class CompiledStatement
{
    private final Statement statement;
    private final Glob[] actions;
    private final boolean notAction;
    private final Template[] resourceTemplates;
    private final Glob[] resources;
    private final boolean notResource;
    private final CompiledPrincipal[] principals;
    private final boolean notPrincipal;
    private final CompiledCondition[] conditions;

    CompiledStatement(Statement statement, boolean variables)
    {
        this.statement = statement;
        this.actions = statement.actions().values().stream()
                .map(action -> Glob.of(action.toLowerCase(Locale.ROOT)))
                .toArray(Glob[]::new);
        this.notAction = statement.actions().negated();
        if (statement.resources().isPresent()) {
            List<String> values = statement.resources().get().values();
            this.resourceTemplates = values.stream().map(value -> Template.compile(value, true, variables)).toArray(Template[]::new);
            this.resources = new Glob[values.size()];
            for (int index = 0; index < values.size(); index++) {
                if (resourceTemplates[index].isConstant()) {
                    resources[index] = resourceTemplates[index].resolve(null);
                }
            }
            this.notResource = statement.resources().get().negated();
        }
        else {
            this.resourceTemplates = null;
            this.resources = null;
            this.notResource = false;
        }
        if (statement.principals().isPresent()) {
            PrincipalElement element = statement.principals().get();
            this.principals = element.principals().stream().map(CompiledPrincipal::of).toArray(CompiledPrincipal[]::new);
            this.notPrincipal = element.negated();
        }
        else {
            this.principals = null;
            this.notPrincipal = false;
        }
        List<ConditionClause> clauses = statement.conditions();
        this.conditions = clauses.stream().map(clause -> new CompiledCondition(clause, variables)).toArray(CompiledCondition[]::new);
    }

    Statement statement()
    {
        return statement;
    }

    Effect effect()
    {
        return statement.effect();
    }

    List<String> lowerCaseActions()
    {
        return java.util.Arrays.stream(actions).map(Glob::text).toList();
    }

    boolean notAction()
    {
        return notAction;
    }

    /** 0 when the statement does not apply; otherwise how the principal matched ({@link CompiledPrincipal#DIRECT} without a Principal element). */
    int applies(RequestContext request)
    {
        if (!matchesAction(request.actionLowerCase())) {
            return CompiledPrincipal.NONE;
        }
        if (resourceTemplates != null && !matchesResource(request)) {
            return CompiledPrincipal.NONE;
        }
        int strength = principalStrength(request.principal());
        if (strength == CompiledPrincipal.NONE) {
            return CompiledPrincipal.NONE;
        }
        for (CompiledCondition condition : conditions) {
            if (!condition.evaluate(request)) {
                return CompiledPrincipal.NONE;
            }
        }
        return strength;
    }

    private boolean matchesAction(String action)
    {
        boolean matched = false;
        for (Glob pattern : actions) {
            if (pattern.matches(action)) {
                matched = true;
                break;
            }
        }
        return matched != notAction;
    }

    private boolean matchesResource(RequestContext request)
    {
        String resource = request.resource();
        boolean matched = false;
        for (int index = 0; index < resources.length && !matched; index++) {
            Glob pattern = resources[index] != null ? resources[index] : resourceTemplates[index].resolve(request);
            matched = pattern != null && ArnPattern.matches(pattern, resource);
        }
        return matched != notResource;
    }

    private int principalStrength(RequestPrincipal principal)
    {
        if (principals == null) {
            return CompiledPrincipal.DIRECT;
        }
        if (notPrincipal) {
            for (CompiledPrincipal excluded : principals) {
                if (excluded.excludes(principal)) {
                    return CompiledPrincipal.NONE;
                }
            }
            return CompiledPrincipal.DIRECT;
        }
        int best = CompiledPrincipal.NONE;
        for (CompiledPrincipal candidate : principals) {
            best = Math.max(best, candidate.strength(principal));
        }
        return best;
    }
}
