package dev.lanyard.services.iam;

import dev.lanyard.store.Entity;
import dev.lanyard.store.StoreException;
import dev.lanyard.store.WriteTransaction;

import java.util.function.Supplier;

/**
 * Creating an entity of a kind IAM limits per account (OIDC and SAML providers, server certificates). The count and
 * the insert share the caller's write transaction, which is serializable, so concurrent creates cannot both pass the
 * quota.
 */
final class AccountEntityQuota
{
    private AccountEntityQuota() {}

    /**
     * Inserts {@code entity} unless its account already holds {@code quota} entities of its kind (LimitExceeded in
     * AWS's "Cannot exceed quota for NAME: N" form) or one of its name ({@code alreadyExists}).
     */
    static void insert(WriteTransaction transaction, Entity entity, String quotaName, int quota, Supplier<? extends RuntimeException> alreadyExists)
    {
        if (transaction.countEntities(entity.accountId(), entity.kind()) >= quota) {
            throw IamErrors.limitExceeded("Cannot exceed quota for " + quotaName + ": " + quota);
        }
        try {
            transaction.insertEntity(entity);
        }
        catch (StoreException.Conflict duplicate) {
            throw alreadyExists.get();
        }
    }
}
