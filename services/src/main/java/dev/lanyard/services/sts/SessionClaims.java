package dev.lanyard.services.sts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Everything a node needs to authenticate and authorize a request made with temporary credentials, carried inside the
 * session token itself (encrypted and authenticated), so that no database read is needed to know who is calling.
 * Policies are referenced, not copied (except an inline session policy): the role's current policies apply on each call.
 *
 * @param accessKeyId the temporary key id (ASIA...) the requests are signed with
 * @param secretAccessKey the temporary secret, so the node can verify the signature
 * @param accountId the account of the session's principal
 * @param kind what kind of session this is
 * @param principalArn as GetCallerIdentity shows it (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, ...)
 * @param principalId as GetCallerIdentity shows it (AROA...:SESSION, ...)
 * @param sourcePrincipalId the unique id of the role or user behind the session (AROA..., AIDA..., or the account id for root)
 * @param sessionName the role session name or federated user name; empty for GetSessionToken sessions
 * @param mfaAuthenticatedAt when MFA was presented for this session (aws:MultiFactorAuthAge counts from here)
 * @param sessionPolicy an inline session policy, as given
 * @param policyArns managed session policies
 * @param tags session tags (principal tags of the session)
 * @param transitiveTagKeys tags that survive role chaining
 * @param chained whether the session was created with role credentials (role chaining: one hour at most)
 */
public record SessionClaims(
        String accessKeyId,
        String secretAccessKey,
        String accountId,
        SessionKind kind,
        String principalArn,
        String principalId,
        String sourcePrincipalId,
        String sessionName,
        Instant issuedAt,
        Instant expiresAt,
        Optional<Instant> mfaAuthenticatedAt,
        Optional<String> sourceIdentity,
        Optional<String> sessionPolicy,
        List<String> policyArns,
        Map<String, String> tags,
        Set<String> transitiveTagKeys,
        boolean chained)
{
    public enum SessionKind
    {
        ASSUMED_ROLE,
        FEDERATED_USER,
        /** GetSessionToken of an IAM user. */
        USER_SESSION,
        /** GetSessionToken of an account root. */
        ROOT_SESSION,
    }

    public SessionClaims
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(principalId, "principalId is null");
        requireNonNull(sourcePrincipalId, "sourcePrincipalId is null");
        requireNonNull(sessionName, "sessionName is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(mfaAuthenticatedAt, "mfaAuthenticatedAt is null");
        requireNonNull(sourceIdentity, "sourceIdentity is null");
        requireNonNull(sessionPolicy, "sessionPolicy is null");
        policyArns = List.copyOf(requireNonNull(policyArns, "policyArns is null"));
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        transitiveTagKeys = Set.copyOf(requireNonNull(transitiveTagKeys, "transitiveTagKeys is null"));
    }

    @Override
    public String toString()
    {
        // The secret never appears in logs.
        return "SessionClaims[accessKeyId=" + accessKeyId + ", accountId=" + accountId + ", kind=" + kind + ", principalArn=" + principalArn
                + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
