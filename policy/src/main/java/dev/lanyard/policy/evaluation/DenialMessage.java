package dev.lanyard.policy.evaluation;

/**
 * AWS's AccessDenied wording for a denied decision: "User: ARN is not authorized to perform: ACTION on resource: ARN
 * because no identity-based policy allows the ACTION action", or "... with an explicit deny in a(n) ... policy".
 */
public final class DenialMessage
{
    private DenialMessage() {}

    public static String of(Decision decision, String principalArn, String action, String resource)
    {
        String prefix = "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resource;
        return switch (decision.result()) {
            case ALLOWED -> throw new IllegalArgumentException("decision allows the request");
            case EXPLICIT_DENY -> prefix + " with an explicit deny in " + article(decision.layer());
            case IMPLICIT_DENY -> prefix + " because no " + noun(decision.layer()) + " allows the " + action + " action";
        };
    }

    private static String article(PolicyLayer layer)
    {
        String noun = noun(layer);
        return (noun.startsWith("identity") ? "an " : "a ") + noun;
    }

    private static String noun(PolicyLayer layer)
    {
        return switch (layer) {
            case ORGANIZATION -> "service control policy";
            case RESOURCE -> "resource-based policy";
            case IDENTITY, ACCOUNT_ROOT -> "identity-based policy";
            case PERMISSIONS_BOUNDARY -> "permissions boundary";
            case SESSION -> "session policy";
        };
    }
}
