package dev.lanyard.services.iam;

import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

/**
 * A kind of entity that identity policies are put on or attached to (user, group, role). Inline and managed policy
 * operations name their owners differently but look them up and protect them the same way, here.
 */
interface PolicyOwnerKind
{
    /** The entity kind, one of {@link EntityKinds#USER}, {@link EntityKinds#GROUP}, {@link EntityKinds#ROLE}. */
    String kind();

    default Entity find(ReadTransaction transaction, String accountId, String name)
    {
        return transaction.entityByName(accountId, kind(), name).orElseThrow(() -> IamErrors.noSuchEntity(kind(), name));
    }

    /** Service-linked roles belong to their service: IAM refuses to change their policies. */
    default void checkModifiable(Entity owner)
    {
        if (kind().equals(EntityKinds.ROLE) && owner.path().startsWith("/aws-service-role/")) {
            throw IamErrors.protectedRole(owner.name());
        }
    }
}
