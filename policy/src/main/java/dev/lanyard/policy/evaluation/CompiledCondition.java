package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.document.ConditionClause;
import dev.lanyard.policy.document.MatchKind;
import dev.lanyard.policy.document.SetQualifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One condition clause with its policy values parsed for the operator once, at compile time.
 *
 * <p>Semantics (AWS's condition operator reference and multi-valued key pages):
 * <ul>
 * <li>a request value matches the clause's values when it matches any of them (OR);
 * <li>without a set qualifier, the positive operator holds when any request value matches; a negated operator is its
 *     negation, so on a missing key StringNotEquals holds and StringEquals does not;
 * <li>ForAnyValue: some request value matches (negated operators: some request value matches none); false on a missing key or empty set;
 * <li>ForAllValues: every request value matches (negated: every request value matches none); true on a missing key or empty set;
 * <li>...IfExists: true on a missing key, otherwise as without the suffix;
 * <li>Null: "true" holds when the key is missing, "false" when it is present.
 * </ul>
 */
final class CompiledCondition
{
    private final ConditionClause clause;
    private final String lowerCaseKey;
    private final MatchKind kind;
    private final boolean negated;
    private final SetQualifier qualifier;
    private final boolean ifExists;

    private final Template[] templates;
    private final String[] strings;
    private final Glob[] globs;
    private final double[] numbers;
    private final long[] dates;
    private final byte[][] binaries;
    private final CidrBlock[] networks;
    private final boolean nullWhenAbsent;
    private final boolean nullWhenPresent;

    CompiledCondition(ConditionClause clause, boolean variables)
    {
        this.clause = clause;
        this.lowerCaseKey = clause.key().toLowerCase(Locale.ROOT);
        this.kind = clause.operator().base().kind();
        this.negated = clause.operator().base().negated();
        this.qualifier = clause.operator().qualifier();
        this.ifExists = clause.operator().ifExists();
        List<String> values = clause.values();
        int count = values.size();

        boolean wildcards = kind == MatchKind.STRING_LIKE || kind == MatchKind.ARN_LIKE;
        boolean usesTemplates = clause.operator().base().acceptsVariables();
        this.templates = usesTemplates ? values.stream().map(value -> Template.compile(value, wildcards, variables)).toArray(Template[]::new) : null;
        this.strings = new String[count];
        this.globs = new Glob[count];
        this.numbers = new double[count];
        this.dates = new long[count];
        this.binaries = new byte[count][];
        this.networks = new CidrBlock[count];
        boolean absent = false;
        boolean present = false;
        for (int index = 0; index < count; index++) {
            String value = values.get(index);
            if (usesTemplates && templates[index].isConstant()) {
                Glob constant = templates[index].resolve(null);
                strings[index] = constant.text();
                globs[index] = constant;
            }
            numbers[index] = ValueParsing.number(value);
            dates[index] = ValueParsing.epochMillis(value);
            binaries[index] = kind == MatchKind.BINARY_EQUALS ? ValueParsing.base64(value) : null;
            networks[index] = kind == MatchKind.IP_ADDRESS ? CidrBlock.parse(value) : null;
            if (kind == MatchKind.BOOL || kind == MatchKind.NULL) {
                strings[index] = value.toLowerCase(Locale.ROOT);
            }
            absent |= value.equalsIgnoreCase("true");
            present |= value.equalsIgnoreCase("false");
        }
        this.nullWhenAbsent = absent;
        this.nullWhenPresent = present;
    }

    ConditionClause clause()
    {
        return clause;
    }

    boolean evaluate(RequestContext request)
    {
        ContextValue[] values = request.valuesOfLowerCaseKey(lowerCaseKey);
        if (kind == MatchKind.NULL) {
            return values == null ? nullWhenAbsent : nullWhenPresent;
        }
        if (values == null) {
            if (ifExists) {
                return true;
            }
            return switch (qualifier) {
                case NONE -> negated;
                case FOR_ANY_VALUE -> false;
                case FOR_ALL_VALUES -> true;
            };
        }
        switch (qualifier) {
            case NONE -> {
                for (ContextValue value : values) {
                    if (matchesAnyPolicyValue(value, request)) {
                        return !negated;
                    }
                }
                return negated;
            }
            case FOR_ANY_VALUE -> {
                for (ContextValue value : values) {
                    if (matchesAnyPolicyValue(value, request) != negated) {
                        return true;
                    }
                }
                return false;
            }
            case FOR_ALL_VALUES -> {
                for (ContextValue value : values) {
                    if (matchesAnyPolicyValue(value, request) == negated) {
                        return false;
                    }
                }
                return true;
            }
        }
        throw new IllegalStateException("unknown qualifier " + qualifier);
    }

    private boolean matchesAnyPolicyValue(ContextValue value, RequestContext request)
    {
        int count = numbers.length;
        for (int index = 0; index < count; index++) {
            if (matches(index, value, request)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(int index, ContextValue value, RequestContext request)
    {
        return switch (kind) {
            case STRING_EQUALS -> {
                String expected = strings[index] != null ? strings[index] : resolvedText(index, request);
                yield expected != null && expected.equals(value.text());
            }
            case STRING_EQUALS_IGNORE_CASE -> {
                String expected = strings[index] != null ? strings[index] : resolvedText(index, request);
                yield expected != null && expected.equalsIgnoreCase(value.text());
            }
            case STRING_LIKE -> {
                Glob glob = globs[index] != null ? globs[index] : templates[index].resolve(request);
                yield glob != null && glob.matches(value.text());
            }
            case ARN_LIKE -> {
                Glob glob = globs[index] != null ? globs[index] : templates[index].resolve(request);
                yield glob != null && ArnPattern.matches(glob, value.text());
            }
            case NUMERIC_EQUALS -> value.number() == numbers[index];
            case NUMERIC_LESS_THAN -> value.number() < numbers[index];
            case NUMERIC_LESS_THAN_EQUALS -> value.number() <= numbers[index];
            case NUMERIC_GREATER_THAN -> value.number() > numbers[index];
            case NUMERIC_GREATER_THAN_EQUALS -> value.number() >= numbers[index];
            case DATE_EQUALS -> bothDates(value, index) && value.epochMillis() == dates[index];
            case DATE_LESS_THAN -> bothDates(value, index) && value.epochMillis() < dates[index];
            case DATE_LESS_THAN_EQUALS -> bothDates(value, index) && value.epochMillis() <= dates[index];
            case DATE_GREATER_THAN -> bothDates(value, index) && value.epochMillis() > dates[index];
            case DATE_GREATER_THAN_EQUALS -> bothDates(value, index) && value.epochMillis() >= dates[index];
            case BOOL -> value.text().equalsIgnoreCase(strings[index]);
            case BINARY_EQUALS -> binaries[index] != null && Arrays.equals(binaries[index], value.bytes());
            case IP_ADDRESS -> networks[index] != null && networks[index].contains(value.address());
            case NULL -> throw new IllegalStateException("Null is decided on presence alone");
        };
    }

    private boolean bothDates(ContextValue value, int index)
    {
        return value.epochMillis() != ValueParsing.NOT_A_DATE && dates[index] != ValueParsing.NOT_A_DATE;
    }

    private String resolvedText(int index, RequestContext request)
    {
        Glob glob = templates[index].resolve(request);
        return glob == null ? null : glob.text();
    }
}
