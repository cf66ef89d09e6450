package dev.lanyard.services.iam;

import java.util.List;

/**
 * A user's console password, as a salted PBKDF2 hash (never the password). {@code previousHashes} holds the hashes of
 * earlier passwords for the password policy's reuse prevention, newest first. {@code passwordLastChanged} is an ISO-8601
 * instant, for the credential report.
 */
public record UserLoginProfileBody(boolean passwordResetRequired, UserPasswordHash hash, List<UserPasswordHash> previousHashes, String passwordLastChanged)
{
    public UserLoginProfileBody
    {
        previousHashes = previousHashes == null ? List.of() : List.copyOf(previousHashes);
    }
}
