package dev.lanyard.services;

import dev.lanyard.services.sts.SessionClaims;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The authenticated principal of a request.
 *
 * @param accountId the principal's account
 * @param arn the principal's ARN as GetCallerIdentity shows it
 * @param userId the principal's unique id as GetCallerIdentity shows it (the account id for the root)
 * @param type the kind of principal
 * @param accessKeyId the access key the request was signed with
 * @param session the temporary-credential session the request was made in; empty for long-term keys
 */
public record Caller(String accountId, String arn, String userId, PrincipalType type, String accessKeyId, Optional<SessionClaims> session)
{
    public enum PrincipalType
    {
        ROOT,
        USER,
        ASSUMED_ROLE,
        FEDERATED_USER,
        /** An unsigned request: only AssumeRoleWithWebIdentity and AssumeRoleWithSAML accept one (their token is the proof). */
        ANONYMOUS,
    }

    public Caller
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(type, "type is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(session, "session is null");
    }

    /** A caller with a long-term key. */
    public Caller(String accountId, String arn, String userId, PrincipalType type, String accessKeyId)
    {
        this(accountId, arn, userId, type, accessKeyId, Optional.empty());
    }

    public static Caller root(String accountId, String accessKeyId)
    {
        return new Caller(accountId, "arn:aws:iam::" + accountId + ":root", accountId, PrincipalType.ROOT, accessKeyId);
    }

    public static Caller anonymous()
    {
        return new Caller("", "*", "", PrincipalType.ANONYMOUS, "");
    }

    public boolean isRoot()
    {
        return type == PrincipalType.ROOT;
    }
}
