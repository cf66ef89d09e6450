package dev.lanyard.policy.document;

import dev.lanyard.policy.json.TextPosition;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a policy document.
 *
 * @param index position in the Statement list, from 0 (a single statement object is index 0)
 * @param resources empty in trust policies, which have no Resource element: the role is the resource
 * @param principals empty in identity and session policies
 * @param conditions all must hold (AND across operators and keys)
 * @param start where the statement's object starts in the policy text
 * @param end just after the statement's closing brace
 */
public record Statement(
        int index,
        Optional<String> sid,
        Effect effect,
        ElementValues actions,
        Optional<ElementValues> resources,
        Optional<PrincipalElement> principals,
        List<ConditionClause> conditions,
        TextPosition start,
        TextPosition end)
{
    public Statement
    {
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(actions, "actions is null");
        requireNonNull(resources, "resources is null");
        requireNonNull(principals, "principals is null");
        conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }
}
