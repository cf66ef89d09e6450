package dev.lanyard.services.ec2;

import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An instance as stored: its entity, its body, and its IAM instance profile association when it has one. */
record StoredInstance(Entity entity, InstanceBody body, Optional<Entity> association)
{
    StoredInstance
    {
        requireNonNull(entity, "entity is null");
        requireNonNull(body, "body is null");
        requireNonNull(association, "association is null");
    }

    String id()
    {
        return entity.id();
    }

    Optional<AssociationBody> associationBody()
    {
        return association.map(StoredInstance::associationBody);
    }

    /** The instance of the caller's account in this region; instances of other regions are not found, as in EC2. */
    static Optional<StoredInstance> find(ReadTransaction transaction, String accountId, String region, String instanceId)
    {
        return transaction.entityById(accountId, Ec2Kinds.INSTANCE, instanceId)
                .filter(entity -> entity.path().equals(Ec2Kinds.regionPath(region)))
                .map(entity -> load(transaction, entity));
    }

    static StoredInstance load(ReadTransaction transaction, Entity entity)
    {
        Optional<Entity> association = transaction.linksFrom(entity.accountId(), Ec2Kinds.INSTANCE_ASSOCIATION, entity.id()).stream()
                .map(Link::toId)
                .findFirst()
                .flatMap(associationId -> transaction.entityById(entity.accountId(), Ec2Kinds.IAM_INSTANCE_PROFILE_ASSOCIATION, associationId));
        return new StoredInstance(entity, EntityJson.read(entity.body(), InstanceBody.class), association);
    }

    static AssociationBody associationBody(Entity association)
    {
        return EntityJson.read(association.body(), AssociationBody.class);
    }
}
