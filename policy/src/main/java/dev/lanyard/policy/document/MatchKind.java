package dev.lanyard.policy.document;

/** How one request value is compared with one policy value; negation lives on {@link BaseOperator}. */
public enum MatchKind
{
    STRING_EQUALS,
    STRING_EQUALS_IGNORE_CASE,
    STRING_LIKE,
    NUMERIC_EQUALS,
    NUMERIC_LESS_THAN,
    NUMERIC_LESS_THAN_EQUALS,
    NUMERIC_GREATER_THAN,
    NUMERIC_GREATER_THAN_EQUALS,
    DATE_EQUALS,
    DATE_LESS_THAN,
    DATE_LESS_THAN_EQUALS,
    DATE_GREATER_THAN,
    DATE_GREATER_THAN_EQUALS,
    BOOL,
    BINARY_EQUALS,
    IP_ADDRESS,
    ARN_LIKE,
    NULL,
}
