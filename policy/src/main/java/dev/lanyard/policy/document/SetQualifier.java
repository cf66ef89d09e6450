package dev.lanyard.policy.document;

/** The set operator prefix of a condition operator, for keys with several values in the request. */
public enum SetQualifier
{
    NONE(""),
    FOR_ANY_VALUE("ForAnyValue:"),
    FOR_ALL_VALUES("ForAllValues:");

    private final String prefix;

    SetQualifier(String prefix)
    {
        this.prefix = prefix;
    }

    public String prefix()
    {
        return prefix;
    }
}
