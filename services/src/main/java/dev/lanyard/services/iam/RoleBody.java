package dev.lanyard.services.iam;

import dev.lanyard.services.iam.TrustPolicyPrincipals.StoredPrincipal;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The stored body of a role entity (name, path, id and creation time are the entity's own columns).
 *
 * @param assumeRolePolicyDocument the trust policy exactly as given
 * @param trustPrincipals the user and role ARNs of the trust policy bound to unique ids at save time
 * @param permissionsBoundaryArn null when the role has none
 * @param serviceName the service principal of a service-linked role, null for other roles
 * @param lastUsedDate ISO-8601 instant of the last AssumeRole, null until STS records one
 */
public record RoleBody(
        String assumeRolePolicyDocument,
        List<StoredPrincipal> trustPrincipals,
        String description,
        int maxSessionDuration,
        String permissionsBoundaryArn,
        List<StoredTag> tags,
        String serviceName,
        String lastUsedDate,
        String lastUsedRegion)
{
    public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

    public RoleBody
    {
        requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument is null");
        trustPrincipals = trustPrincipals == null ? List.of() : List.copyOf(trustPrincipals);
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (maxSessionDuration == 0) {
            maxSessionDuration = DEFAULT_MAX_SESSION_DURATION;
        }
    }

    public boolean serviceLinked()
    {
        return serviceName != null;
    }

    public RoleBody withTrustPolicy(String document, List<StoredPrincipal> principals)
    {
        return new RoleBody(document, principals, description, maxSessionDuration, permissionsBoundaryArn, tags, serviceName, lastUsedDate, lastUsedRegion);
    }

    public RoleBody withDescription(String description)
    {
        return new RoleBody(assumeRolePolicyDocument, trustPrincipals, description, maxSessionDuration, permissionsBoundaryArn, tags, serviceName, lastUsedDate, lastUsedRegion);
    }

    public RoleBody withMaxSessionDuration(int maxSessionDuration)
    {
        return new RoleBody(assumeRolePolicyDocument, trustPrincipals, description, maxSessionDuration, permissionsBoundaryArn, tags, serviceName, lastUsedDate, lastUsedRegion);
    }

    public RoleBody withPermissionsBoundary(String permissionsBoundaryArn)
    {
        return new RoleBody(assumeRolePolicyDocument, trustPrincipals, description, maxSessionDuration, permissionsBoundaryArn, tags, serviceName, lastUsedDate, lastUsedRegion);
    }

    public RoleBody withTags(List<StoredTag> tags)
    {
        return new RoleBody(assumeRolePolicyDocument, trustPrincipals, description, maxSessionDuration, permissionsBoundaryArn, tags, serviceName, lastUsedDate, lastUsedRegion);
    }

    /** For STS: the role was used now in this region. */
    public RoleBody withLastUsed(String lastUsedDate, String lastUsedRegion)
    {
        return new RoleBody(assumeRolePolicyDocument, trustPrincipals, description, maxSessionDuration, permissionsBoundaryArn, tags, serviceName, lastUsedDate, lastUsedRegion);
    }
}
