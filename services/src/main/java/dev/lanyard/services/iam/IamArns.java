package dev.lanyard.services.iam;

/** ARNs of IAM entities: {@code arn:aws:iam::ACCOUNT:KIND/PATH-WITHOUT-LEADING-SLASH/NAME}. */
public final class IamArns
{
    private IamArns() {}

    public static String of(String accountId, String resourceType, String path, String name)
    {
        // Paths begin and end with "/": "/" gives "role/name", "/a/b/" gives "role/a/b/name".
        return "arn:aws:iam::" + accountId + ":" + resourceType + path + name;
    }

    public static String role(String accountId, String path, String name)
    {
        return of(accountId, "role", path, name);
    }

    public static String user(String accountId, String path, String name)
    {
        return of(accountId, "user", path, name);
    }

    public static String group(String accountId, String path, String name)
    {
        return of(accountId, "group", path, name);
    }

    public static String policy(String accountId, String path, String name)
    {
        return of(accountId, "policy", path, name);
    }

    public static String instanceProfile(String accountId, String path, String name)
    {
        return of(accountId, "instance-profile", path, name);
    }

    public static String root(String accountId)
    {
        return "arn:aws:iam::" + accountId + ":root";
    }
}
