package dev.lanyard.services.ec2;

import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.WriteTransaction;

import java.time.Instant;

/** Writing IAM instance profile associations: the association entity and its link from the instance, always together. */
final class Associations
{
    private Associations() {}

    static Entity insert(WriteTransaction transaction, Entity instance, PassedProfile profile, Instant now)
    {
        String associationId = Ec2Ids.newId(Ec2Ids.ASSOCIATION);
        AssociationBody body = new AssociationBody(instance.id(), profile.profileArn(), profile.profileId(), now.toString());
        Entity association = Entity.create(instance.accountId(), Ec2Kinds.IAM_INSTANCE_PROFILE_ASSOCIATION, associationId, associationId, instance.path(),
                EntityJson.write(body), now);
        transaction.insertEntity(association);
        transaction.insertLink(new Link(instance.accountId(), Ec2Kinds.INSTANCE_ASSOCIATION, instance.id(), associationId));
        return association;
    }

    static void delete(WriteTransaction transaction, Entity association)
    {
        AssociationBody body = StoredInstance.associationBody(association);
        transaction.deleteLink(new Link(association.accountId(), Ec2Kinds.INSTANCE_ASSOCIATION, body.instanceId(), association.id()));
        transaction.deleteEntity(association.accountId(), Ec2Kinds.IAM_INSTANCE_PROFILE_ASSOCIATION, association.id());
    }
}
