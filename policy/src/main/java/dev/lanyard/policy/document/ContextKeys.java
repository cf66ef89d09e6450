package dev.lanyard.policy.document;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The context keys a policy refers to, for GetContextKeysForPrincipalPolicy / GetContextKeysForCustomPolicy and for
 * the simulator's MissingContextValues: every condition key, and every policy variable's key in 2012-10-17 documents.
 * Keys are case-insensitive, so the first spelling seen wins.
 */
public final class ContextKeys
{
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*([^\\s,:}]+:[^\\s,}]*)\\s*(,[^}]*)?}");

    private ContextKeys() {}

    public static List<String> referencedBy(Collection<PolicyDocument> documents)
    {
        Map<String, String> keys = new LinkedHashMap<>();
        for (PolicyDocument document : documents) {
            boolean variables = document.version().supportsVariables();
            for (Statement statement : document.statements()) {
                if (variables) {
                    statement.resources().ifPresent(resources -> resources.values().forEach(value -> addVariables(value, keys)));
                }
                for (ConditionClause clause : statement.conditions()) {
                    keys.putIfAbsent(clause.key().toLowerCase(Locale.ROOT), clause.key());
                    if (variables && clause.operator().base().acceptsVariables()) {
                        clause.values().forEach(value -> addVariables(value, keys));
                    }
                }
            }
        }
        return List.copyOf(keys.values());
    }

    private static void addVariables(String value, Map<String, String> keys)
    {
        Matcher matcher = VARIABLE.matcher(value);
        while (matcher.find()) {
            keys.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(1));
        }
    }
}
