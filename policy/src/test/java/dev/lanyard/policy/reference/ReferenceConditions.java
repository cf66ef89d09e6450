package dev.lanyard.policy.reference;

import dev.lanyard.policy.document.ConditionClause;
import dev.lanyard.policy.document.MatchKind;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.RequestContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conditions, the straightforward way: the documentation's tables turned into code. */
final class ReferenceConditions
{
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    record Piece(char character, boolean wildcard) {}

    private ReferenceConditions() {}

    static boolean holds(ConditionClause clause, RequestContext request, boolean variables)
    {
        MatchKind kind = clause.operator().base().kind();
        boolean negated = clause.operator().base().negated();
        Optional<List<ContextValue>> values = request.values(clause.key());
        if (kind == MatchKind.NULL) {
            boolean absent = values.isEmpty();
            return clause.values().stream().anyMatch(value -> value.equalsIgnoreCase(absent ? "true" : "false"));
        }
        if (values.isEmpty()) {
            if (clause.operator().ifExists()) {
                return true;
            }
            return switch (clause.operator().qualifier()) {
                case NONE -> negated;
                case FOR_ANY_VALUE -> false;
                case FOR_ALL_VALUES -> true;
            };
        }
        List<Boolean> perValue = new ArrayList<>();
        for (ContextValue value : values.get()) {
            boolean any = false;
            for (String policyValue : clause.values()) {
                any |= matches(kind, policyValue, value, request, variables);
            }
            perValue.add(any);
        }
        return switch (clause.operator().qualifier()) {
            case NONE -> perValue.contains(true) != negated;
            case FOR_ANY_VALUE -> perValue.stream().anyMatch(matched -> matched != negated);
            case FOR_ALL_VALUES -> perValue.stream().allMatch(matched -> matched != negated);
        };
    }

    private static boolean matches(MatchKind kind, String policyValue, ContextValue value, RequestContext request, boolean variables)
    {
        String text = value.text();
        switch (kind) {
            case STRING_EQUALS, STRING_EQUALS_IGNORE_CASE -> {
                String expected = plain(policyValue, request, variables);
                return expected != null && (kind == MatchKind.STRING_EQUALS ? expected.equals(text) : expected.equalsIgnoreCase(text));
            }
            case STRING_LIKE -> {
                List<Piece> pieces = substitute(policyValue, request, variables, true);
                if (pieces == null) {
                    return false;
                }
                StringBuilder regex = new StringBuilder();
                for (Piece piece : pieces) {
                    regex.append(piece.wildcard() ? (piece.character() == '*' ? ".*" : ".") : Pattern.quote(String.valueOf(piece.character())));
                }
                return ReferenceEvaluator.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
            }
            case ARN_LIKE -> {
                return ReferenceEvaluator.arnMatches(policyValue, text, request, variables);
            }
            case NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_EQUALS -> {
                BigDecimal left = ReferenceEvaluator.decimal(text);
                BigDecimal right = ReferenceEvaluator.decimal(policyValue);
                if (left == null || right == null) {
                    return false;
                }
                int comparison = Double.compare(left.doubleValue(), right.doubleValue());
                return compare(kind, comparison);
            }
            case DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN, DATE_GREATER_THAN_EQUALS -> {
                Instant left = ReferenceEvaluator.instant(text);
                Instant right = ReferenceEvaluator.instant(policyValue);
                if (left == null || right == null) {
                    return false;
                }
                return compare(kind, Long.compare(left.toEpochMilli(), right.toEpochMilli()));
            }
            case BOOL -> {
                return text.equalsIgnoreCase(policyValue);
            }
            case BINARY_EQUALS -> {
                byte[] expected = ReferenceEvaluator.base64(policyValue);
                byte[] actual = ReferenceEvaluator.base64(text);
                return expected != null && actual != null && Arrays.equals(expected, actual);
            }
            case IP_ADDRESS -> {
                return inNetwork(policyValue, text);
            }
            case NULL -> throw new IllegalStateException();
        }
        throw new IllegalStateException();
    }

    private static boolean compare(MatchKind kind, int comparison)
    {
        return switch (kind) {
            case NUMERIC_EQUALS, DATE_EQUALS -> comparison == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> comparison < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> comparison <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> comparison > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> comparison >= 0;
            default -> throw new IllegalStateException();
        };
    }

    private static boolean inNetwork(String cidr, String address)
    {
        String[] parts = cidr.split("/", -1);
        if (parts.length > 2) {
            return false;
        }
        byte[] network = ReferenceEvaluator.address(parts[0]);
        byte[] candidate = ReferenceEvaluator.address(address);
        if (network == null || candidate == null || network.length != candidate.length) {
            return false;
        }
        int bits = network.length * 8;
        if (parts.length == 2) {
            if (!parts[1].matches("\\d{1,3}") || Integer.parseInt(parts[1]) > bits) {
                return false;
            }
            bits = Integer.parseInt(parts[1]);
        }
        BigInteger shift = BigInteger.ONE.shiftLeft(network.length * 8 - bits);
        return new BigInteger(1, network).divide(shift).equals(new BigInteger(1, candidate).divide(shift));
    }

    private static String plain(String policyValue, RequestContext request, boolean variables)
    {
        List<Piece> pieces = substitute(policyValue, request, variables, false);
        if (pieces == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        pieces.forEach(piece -> text.append(piece.character()));
        return text.toString();
    }

    /** Policy text with variables replaced; null when a variable has neither a value nor a default. */
    static List<Piece> substitute(String policyValue, RequestContext request, boolean variables, boolean wildcards)
    {
        List<Piece> pieces = new ArrayList<>();
        int position = 0;
        Matcher matcher = VARIABLE.matcher(policyValue);
        while (variables && matcher.find(position)) {
            String replacement = replacement(matcher.group(1), request);
            if (replacement == null) {
                if (isVariable(matcher.group(1))) {
                    return null;
                }
                // not a well-formed variable: the "${" stays literal and scanning resumes after it
                addLiteral(policyValue.substring(position, matcher.start() + 1), wildcards, pieces);
                position = matcher.start() + 1;
                continue;
            }
            addLiteral(policyValue.substring(position, matcher.start()), wildcards, pieces);
            for (char character : replacement.toCharArray()) {
                pieces.add(new Piece(character, false));
            }
            position = matcher.end();
        }
        addLiteral(policyValue.substring(position), wildcards, pieces);
        return pieces;
    }

    private static void addLiteral(String text, boolean wildcards, List<Piece> pieces)
    {
        for (char character : text.toCharArray()) {
            pieces.add(new Piece(character, wildcards && (character == '*' || character == '?')));
        }
    }

    private static final Pattern WELL_FORMED = Pattern.compile("\\s*([^\\s,:]+:[^\\s,]*)\\s*(,\\s*'(.*)')?\\s*");

    private static boolean isVariable(String body)
    {
        return WELL_FORMED.matcher(body).matches();
    }

    private static String replacement(String body, RequestContext request)
    {
        if (body.equals("*") || body.equals("?") || body.equals("$")) {
            return body;
        }
        Matcher matcher = WELL_FORMED.matcher(body);
        if (!matcher.matches()) {
            return null;
        }
        Optional<List<ContextValue>> values = request.values(matcher.group(1));
        if (values.isPresent() && values.get().size() == 1) {
            return values.get().getFirst().text();
        }
        return matcher.group(2) != null ? matcher.group(3) : null;
    }
}
