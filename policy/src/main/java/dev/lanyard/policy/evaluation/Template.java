package dev.lanyard.policy.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy value that may contain policy variables: {@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'none'}},
 * and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}} for literal characters.
 *
 * <p>A substituted value is literal text: wildcards in it do not act as wildcards. A variable whose key is missing (or
 * has several values) and has no default makes the value unresolvable: it then matches nothing. Text that merely looks
 * like a variable but is malformed stays literal, as in 2008-10-17 policies.
 */
final class Template
{
    private final Glob constant;
    private final List<Part> parts;

    private Template(Glob constant, List<Part> parts)
    {
        this.constant = constant;
        this.parts = parts;
    }

    /**
     * @param wildcards whether * and ? written in the policy are wildcards (StringLike, ArnLike, Resource) or literal (StringEquals)
     * @param variables whether ${...} is substituted (Version 2012-10-17)
     */
    static Template compile(String text, boolean wildcards, boolean variables)
    {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int index = 0;
        boolean hasVariable = false;
        while (index < text.length()) {
            int end;
            if (variables && text.startsWith("${", index) && (end = text.indexOf('}', index + 2)) > 0) {
                Part variable = variable(text.substring(index + 2, end));
                if (variable != null) {
                    if (!literal.isEmpty()) {
                        parts.add(new Part(literal.toString(), wildcards, null, null));
                        literal.setLength(0);
                    }
                    parts.add(variable);
                    hasVariable |= variable.key != null;
                    index = end + 1;
                    continue;
                }
            }
            literal.append(text.charAt(index));
            index++;
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), wildcards, null, null));
        }
        if (!hasVariable) {
            return new Template(build(parts, null), List.of());
        }
        return new Template(null, List.copyOf(parts));
    }

    private static Part variable(String body)
    {
        if (body.equals("*") || body.equals("?") || body.equals("$")) {
            return new Part(body, false, null, null);
        }
        String key = body;
        String defaultValue = null;
        int comma = body.indexOf(',');
        if (comma >= 0) {
            key = body.substring(0, comma);
            String rest = body.substring(comma + 1).strip();
            if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'') {
                return null;
            }
            defaultValue = rest.substring(1, rest.length() - 1);
        }
        key = key.strip();
        if (key.isEmpty() || key.indexOf(':') <= 0 || key.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return new Part(null, false, key.toLowerCase(Locale.ROOT), defaultValue);
    }

    boolean isConstant()
    {
        return constant != null;
    }

    /** The pattern for this request; null when a variable cannot be resolved. Allocates only when variables are present. */
    Glob resolve(RequestContext request)
    {
        if (constant != null) {
            return constant;
        }
        return build(parts, request);
    }

    private static Glob build(List<Part> parts, RequestContext request)
    {
        // two passes (measure, then copy) so the pattern's two arrays are the only allocations
        int length = 0;
        for (Part part : parts) {
            String text = text(part, request);
            if (text == null) {
                return null;
            }
            length += text.length();
        }
        char[] characters = new char[length];
        boolean[] wildcard = new boolean[length];
        int position = 0;
        for (Part part : parts) {
            String text = text(part, request);
            text.getChars(0, text.length(), characters, position);
            if (part.wildcards && part.key == null) {
                for (int offset = 0; offset < text.length(); offset++) {
                    char character = text.charAt(offset);
                    wildcard[position + offset] = character == '*' || character == '?';
                }
            }
            position += text.length();
        }
        return new Glob(characters, wildcard);
    }

    /** The part's text for this request: literal text, the variable's single value, its default, or null. */
    private static String text(Part part, RequestContext request)
    {
        if (part.key == null) {
            return part.text;
        }
        ContextValue[] values = request.valuesOfLowerCaseKey(part.key);
        if (values != null && values.length == 1) {
            return values[0].text();
        }
        return part.defaultValue;
    }

    /** Literal text (with or without wildcards), or a variable reference when {@code key} is set. */
    private record Part(String text, boolean wildcards, String key, String defaultValue) {}
}
