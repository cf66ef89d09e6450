package dev.lanyard.store;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A long-term access key of an account's root or of an IAM user. The secret is plaintext in memory only:
 * backends store it encrypted with {@link SecretCipher}. {@code toString} never shows it.
 */
public record AccessKey(String accessKeyId, String accountId, String principalName, String secretAccessKey, Status status, Instant createdAt)
{
    /** The principal name of an account root's keys. */
    public static final String ROOT = "<root>";

    public enum Status
    {
        ACTIVE("Active"),
        INACTIVE("Inactive");

        private final String wireName;

        Status(String wireName)
        {
            this.wireName = wireName;
        }

        /** The spelling IAM uses: "Active" or "Inactive". */
        public String wireName()
        {
            return wireName;
        }
    }

    public AccessKey
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(principalName, "principalName is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public boolean isRoot()
    {
        return ROOT.equals(principalName);
    }

    @Override
    public String toString()
    {
        return "AccessKey[accessKeyId=" + accessKeyId + ", accountId=" + accountId + ", principalName=" + principalName + ", status=" + status + ", createdAt=" + createdAt + "]";
    }
}
