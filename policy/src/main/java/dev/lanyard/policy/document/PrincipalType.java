package dev.lanyard.policy.document;

/** The keys of a Principal object; {@link #ANYONE} stands for the bare "*" form. */
public enum PrincipalType
{
    ANYONE("*"),
    AWS("AWS"),
    SERVICE("Service"),
    FEDERATED("Federated"),
    CANONICAL_USER("CanonicalUser");

    private final String jsonName;

    PrincipalType(String jsonName)
    {
        this.jsonName = jsonName;
    }

    public String jsonName()
    {
        return jsonName;
    }
}
