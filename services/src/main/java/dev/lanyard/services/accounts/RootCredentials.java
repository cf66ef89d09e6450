package dev.lanyard.services.accounts;

import static java.util.Objects.requireNonNull;

/** An account's root access key, as printed once to the operator. {@code toString} hides the secret. */
public record RootCredentials(String accountId, String accessKeyId, String secretAccessKey)
{
    public RootCredentials
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
    }

    @Override
    public String toString()
    {
        return "RootCredentials[accountId=" + accountId + ", accessKeyId=" + accessKeyId + "]";
    }
}
