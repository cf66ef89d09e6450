package dev.lanyard.services.ec2;

import static java.util.Objects.requireNonNull;

/**
 * The stored body of an IAM instance profile association (kind {@link Ec2Kinds#IAM_INSTANCE_PROFILE_ASSOCIATION}). The
 * profile's ARN and id are copied at association time, as EC2 shows them even after the profile changes in IAM.
 *
 * @param timestamp ISO-8601, when the association was made
 */
record AssociationBody(String instanceId, String instanceProfileArn, String instanceProfileId, String timestamp)
{
    AssociationBody
    {
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(instanceProfileArn, "instanceProfileArn is null");
        requireNonNull(instanceProfileId, "instanceProfileId is null");
        requireNonNull(timestamp, "timestamp is null");
    }
}
