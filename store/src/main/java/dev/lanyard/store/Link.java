package dev.lanyard.store;

import static java.util.Objects.requireNonNull;

/**
 * A directed relation between two ids in one account: a managed policy attached to a role
 * ({@code relation = "role-policy"}, from the role id to the policy id), a user in a group, a role in an instance
 * profile. The ids are not checked against entities: a link may point at an AWS managed policy that no account
 * owns, and the service layer decides what deleting an end means (IAM refuses with DeleteConflict).
 */
public record Link(String accountId, String relation, String fromId, String toId)
{
    public Link
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(relation, "relation is null");
        requireNonNull(fromId, "fromId is null");
        requireNonNull(toId, "toId is null");
    }
}
