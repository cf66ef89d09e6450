package dev.lanyard.services.iam;

/**
 * The size IAM's policy quotas count: "IAM does not count white space when calculating the size of a policy against
 * these quotas" (IAM User Guide, IAM and AWS STS quotas). Managed and inline policies both use it.
 */
public final class ManagedPolicySizes
{
    private ManagedPolicySizes() {}

    public static int nonWhitespaceLength(String document)
    {
        int length = 0;
        for (int index = 0; index < document.length(); index++) {
            if (!Character.isWhitespace(document.charAt(index))) {
                length++;
            }
        }
        return length;
    }
}
