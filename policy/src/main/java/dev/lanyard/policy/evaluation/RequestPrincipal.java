package dev.lanyard.policy.evaluation;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who makes the request.
 *
 * @param arn the principal's ARN as AWS reports it (session ARN for roles); the service or provider name for service and web identity principals
 * @param accountId empty for services and anonymous callers
 * @param roleArn for role sessions, the role itself: a Principal naming the role matches its sessions
 * @param canonicalUserId for CanonicalUser principals
 */
public record RequestPrincipal(PrincipalKind kind, String arn, Optional<String> accountId, Optional<String> roleArn, Optional<String> canonicalUserId)
{
    public RequestPrincipal
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(canonicalUserId, "canonicalUserId is null");
    }

    public static RequestPrincipal root(String accountId)
    {
        return new RequestPrincipal(PrincipalKind.ACCOUNT_ROOT, "arn:aws:iam::" + accountId + ":root", Optional.of(accountId), Optional.empty(), Optional.empty());
    }

    public static RequestPrincipal user(String accountId, String userArn)
    {
        return new RequestPrincipal(PrincipalKind.USER, userArn, Optional.of(accountId), Optional.empty(), Optional.empty());
    }

    public static RequestPrincipal roleSession(String accountId, String roleArn, String sessionArn)
    {
        return new RequestPrincipal(PrincipalKind.ASSUMED_ROLE, sessionArn, Optional.of(accountId), Optional.of(roleArn), Optional.empty());
    }

    public static RequestPrincipal service(String servicePrincipal)
    {
        return new RequestPrincipal(PrincipalKind.SERVICE, servicePrincipal, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static RequestPrincipal webIdentity(String provider)
    {
        return new RequestPrincipal(PrincipalKind.WEB_IDENTITY, provider, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static RequestPrincipal anonymous()
    {
        return new RequestPrincipal(PrincipalKind.ANONYMOUS, "*", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether identity-based policies can apply at all: services, web identities and anonymous callers have none. */
    public boolean hasIdentityPolicies()
    {
        return kind == PrincipalKind.USER || kind == PrincipalKind.ASSUMED_ROLE || kind == PrincipalKind.FEDERATED_USER;
    }
}
