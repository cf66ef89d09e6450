package dev.lanyard.services.sts;

import dev.lanyard.services.RevisionCache;
import dev.lanyard.store.Store;

import java.util.Optional;

/**
 * Roles ready for STS, with their trust policy parsed and compiled, cached by ARN for one store revision: the trust
 * policy's display form depends on other entities (a deleted principal shows as its bare id), so any write anywhere
 * makes the next AssumeRole read the role again. Between writes, AssumeRole reads nothing.
 */
final class AssumableRoles
{
    private final RevisionCache<String, AssumableRole> roles;

    AssumableRoles(Store store)
    {
        this.roles = new RevisionCache<>(store, 10_000);
    }

    Optional<AssumableRole> find(String roleArn)
    {
        return roles.get(roleArn, transaction -> AssumableRole.find(transaction, roleArn));
    }
}
