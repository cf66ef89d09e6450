package dev.lanyard.services.emr;

import dev.lanyard.services.iam.StoredTag;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The stored body of an EMR cluster (kind {@link ClusterBody#KIND}; entity id and name = the cluster id, path
 * {@code /REGION/}). Roles are kept as given (DescribeCluster shows them so) next to the ARNs they resolved to.
 *
 * @param autoScalingRole null when none
 * @param stateChangeReasonCode null while the cluster runs
 * @param endTime null while the cluster runs
 */
record ClusterBody(
        String id,
        String name,
        String arn,
        String releaseLabel,
        String serviceRole,
        String instanceProfile,
        String instanceProfileArn,
        String autoScalingRole,
        String keyName,
        String availabilityZone,
        boolean keepAlive,
        boolean terminationProtected,
        String state,
        String stateChangeReasonCode,
        String stateChangeReasonMessage,
        String creationTime,
        String endTime,
        List<StoredTag> tags,
        List<Group> groups,
        List<ClusterInstance> instances)
{
    static final String KIND = "emr-cluster";

    ClusterBody
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(serviceRole, "serviceRole is null");
        requireNonNull(instanceProfile, "instanceProfile is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        requireNonNull(state, "state is null");
        requireNonNull(creationTime, "creationTime is null");
        tags = tags == null ? List.of() : List.copyOf(tags);
        groups = groups == null ? List.of() : List.copyOf(groups);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /** An instance group: MASTER, CORE or TASK. */
    record Group(String id, String role, String instanceType, int count)
    {
        Group
        {
            requireNonNull(id, "id is null");
            requireNonNull(role, "role is null");
            requireNonNull(instanceType, "instanceType is null");
        }
    }

    /** One EC2 instance of the cluster, launched for a group. */
    record ClusterInstance(String id, String ec2InstanceId, String groupId, String instanceType)
    {
        ClusterInstance
        {
            requireNonNull(id, "id is null");
            requireNonNull(ec2InstanceId, "ec2InstanceId is null");
            requireNonNull(groupId, "groupId is null");
            requireNonNull(instanceType, "instanceType is null");
        }
    }

    Optional<String> autoScalingRoleValue()
    {
        return Optional.ofNullable(autoScalingRole);
    }

    ClusterBody withState(String state, String reasonCode, String reasonMessage, String endTime)
    {
        return new ClusterBody(id, name, arn, releaseLabel, serviceRole, instanceProfile, instanceProfileArn, autoScalingRole, keyName, availabilityZone, keepAlive,
                terminationProtected, state, reasonCode, reasonMessage, creationTime, endTime, tags, groups, instances);
    }

    ClusterBody withTerminationProtected(boolean terminationProtected)
    {
        return new ClusterBody(id, name, arn, releaseLabel, serviceRole, instanceProfile, instanceProfileArn, autoScalingRole, keyName, availabilityZone, keepAlive,
                terminationProtected, state, stateChangeReasonCode, stateChangeReasonMessage, creationTime, endTime, tags, groups, instances);
    }

    ClusterBody withTags(List<StoredTag> tags)
    {
        return new ClusterBody(id, name, arn, releaseLabel, serviceRole, instanceProfile, instanceProfileArn, autoScalingRole, keyName, availabilityZone, keepAlive,
                terminationProtected, state, stateChangeReasonCode, stateChangeReasonMessage, creationTime, endTime, tags, groups, instances);
    }
}
