package dev.lanyard.policy.document;

/** The policy language version; only 2012-10-17 substitutes policy variables, 2008-10-17 reads them literally. */
public enum PolicyVersion
{
    V2008_10_17("2008-10-17"),
    V2012_10_17("2012-10-17");

    private final String text;

    PolicyVersion(String text)
    {
        this.text = text;
    }

    public String text()
    {
        return text;
    }

    public boolean supportsVariables()
    {
        return this == V2012_10_17;
    }
}
