package dev.lanyard.policy.evaluation;

/** The declared type of a request context value (AWS's condition key types). */
public enum ValueType
{
    STRING,
    NUMBER,
    DATE,
    BOOL,
    IP_ADDRESS,
    BINARY,
    ARN,
}
