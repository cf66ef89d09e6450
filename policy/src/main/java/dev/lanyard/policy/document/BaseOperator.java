package dev.lanyard.policy.document;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The condition operators of AWS's condition operator reference, without IfExists or a set qualifier.
 *
 * <p>A negated operator is exactly "not" of its positive counterpart over the same values, which is how AWS treats a
 * missing key: StringNotEquals on an absent key is true.
 */
public enum BaseOperator
{
    STRING_EQUALS("StringEquals", MatchKind.STRING_EQUALS, false),
    STRING_NOT_EQUALS("StringNotEquals", MatchKind.STRING_EQUALS, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", MatchKind.STRING_EQUALS_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", MatchKind.STRING_EQUALS_IGNORE_CASE, true),
    STRING_LIKE("StringLike", MatchKind.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", MatchKind.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", MatchKind.NUMERIC_EQUALS, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", MatchKind.NUMERIC_EQUALS, true),
    NUMERIC_LESS_THAN("NumericLessThan", MatchKind.NUMERIC_LESS_THAN, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", MatchKind.NUMERIC_LESS_THAN_EQUALS, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", MatchKind.NUMERIC_GREATER_THAN, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", MatchKind.NUMERIC_GREATER_THAN_EQUALS, false),
    DATE_EQUALS("DateEquals", MatchKind.DATE_EQUALS, false),
    DATE_NOT_EQUALS("DateNotEquals", MatchKind.DATE_EQUALS, true),
    DATE_LESS_THAN("DateLessThan", MatchKind.DATE_LESS_THAN, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", MatchKind.DATE_LESS_THAN_EQUALS, false),
    DATE_GREATER_THAN("DateGreaterThan", MatchKind.DATE_GREATER_THAN, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", MatchKind.DATE_GREATER_THAN_EQUALS, false),
    BOOL("Bool", MatchKind.BOOL, false),
    BINARY_EQUALS("BinaryEquals", MatchKind.BINARY_EQUALS, false),
    IP_ADDRESS("IpAddress", MatchKind.IP_ADDRESS, false),
    NOT_IP_ADDRESS("NotIpAddress", MatchKind.IP_ADDRESS, true),
    ARN_EQUALS("ArnEquals", MatchKind.ARN_LIKE, false),
    ARN_LIKE("ArnLike", MatchKind.ARN_LIKE, false),
    ARN_NOT_EQUALS("ArnNotEquals", MatchKind.ARN_LIKE, true),
    ARN_NOT_LIKE("ArnNotLike", MatchKind.ARN_LIKE, true),
    NULL("Null", MatchKind.NULL, false);

    // AWS matches operator names case-insensitively ("stringequals" is accepted)
    private static final Map<String, BaseOperator> BY_LOWER_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(operator -> operator.awsName.toLowerCase(Locale.ROOT), Function.identity()));

    private final String awsName;
    private final MatchKind kind;
    private final boolean negated;

    BaseOperator(String awsName, MatchKind kind, boolean negated)
    {
        this.awsName = awsName;
        this.kind = kind;
        this.negated = negated;
    }

    public String awsName()
    {
        return awsName;
    }

    public MatchKind kind()
    {
        return kind;
    }

    public boolean negated()
    {
        return negated;
    }

    /** Operators whose values may contain policy variables (AWS: string and ARN operators). */
    public boolean acceptsVariables()
    {
        return kind == MatchKind.STRING_EQUALS || kind == MatchKind.STRING_EQUALS_IGNORE_CASE || kind == MatchKind.STRING_LIKE || kind == MatchKind.ARN_LIKE;
    }

    public static Optional<BaseOperator> fromAwsName(String name)
    {
        return Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
