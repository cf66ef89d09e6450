package dev.lanyard.services.emr;

import dev.lanyard.services.emr.ClusterBody.ClusterInstance;
import dev.lanyard.services.emr.ClusterBody.Group;
import dev.lanyard.services.iam.StoredTag;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReason;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ClusterTimeline;
import software.amazon.awssdk.services.emr.model.Ec2InstanceAttributes;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceCollectionType;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupState;
import software.amazon.awssdk.services.emr.model.InstanceGroupStatus;
import software.amazon.awssdk.services.emr.model.InstanceState;
import software.amazon.awssdk.services.emr.model.InstanceStatus;
import software.amazon.awssdk.services.emr.model.MarketType;
import software.amazon.awssdk.services.emr.model.Tag;

import java.time.Instant;
import java.util.Locale;

/** A stored cluster as EMR shows it. */
final class ClusterViews
{
    private ClusterViews() {}

    static Cluster cluster(ClusterBody body)
    {
        return Cluster.builder()
                .id(body.id())
                .name(body.name())
                .clusterArn(body.arn())
                .status(status(body))
                .ec2InstanceAttributes(Ec2InstanceAttributes.builder()
                        .iamInstanceProfile(body.instanceProfile())
                        .ec2AvailabilityZone(body.availabilityZone())
                        .ec2KeyName(body.keyName())
                        .build())
                .instanceCollectionType(InstanceCollectionType.INSTANCE_GROUP)
                .releaseLabel(body.releaseLabel())
                .autoTerminate(!body.keepAlive())
                .terminationProtected(body.terminationProtected())
                .visibleToAllUsers(true)
                .serviceRole(body.serviceRole())
                .autoScalingRole(body.autoScalingRole())
                .normalizedInstanceHours(0)
                .tags(body.tags().stream().map(ClusterViews::tag).toList())
                .build();
    }

    static ClusterSummary summary(ClusterBody body)
    {
        return ClusterSummary.builder()
                .id(body.id())
                .name(body.name())
                .clusterArn(body.arn())
                .status(status(body))
                .normalizedInstanceHours(0)
                .build();
    }

    static Instance instance(ClusterInstance instance, boolean running)
    {
        return Instance.builder()
                .id(instance.id())
                .ec2InstanceId(instance.ec2InstanceId())
                .instanceGroupId(instance.groupId())
                .instanceType(instance.instanceType())
                .market(MarketType.ON_DEMAND)
                .status(InstanceStatus.builder().state(instanceState(running)).build())
                .build();
    }

    static InstanceGroup group(Group group, int running, boolean clusterTerminated)
    {
        return InstanceGroup.builder()
                .id(group.id())
                .name(group.role().charAt(0) + group.role().substring(1).toLowerCase(Locale.ROOT) + " Instance Group")
                .instanceGroupType(group.role())
                .instanceType(group.instanceType())
                .market(MarketType.ON_DEMAND)
                .requestedInstanceCount(clusterTerminated ? 0 : group.count())
                .runningInstanceCount(running)
                .status(InstanceGroupStatus.builder().state(clusterTerminated ? InstanceGroupState.ENDED : InstanceGroupState.RUNNING).build())
                .build();
    }

    static InstanceState instanceState(boolean running)
    {
        return running ? InstanceState.RUNNING : InstanceState.TERMINATED;
    }

    private static ClusterStatus status(ClusterBody body)
    {
        ClusterStatus.Builder status = ClusterStatus.builder()
                .state(body.state())
                .timeline(ClusterTimeline.builder()
                        .creationDateTime(Instant.parse(body.creationTime()))
                        .readyDateTime(Instant.parse(body.creationTime()))
                        .endDateTime(body.endTime() == null ? null : Instant.parse(body.endTime()))
                        .build());
        if (body.stateChangeReasonCode() != null) {
            status.stateChangeReason(ClusterStateChangeReason.builder().code(body.stateChangeReasonCode()).message(body.stateChangeReasonMessage()).build());
        }
        else {
            status.stateChangeReason(ClusterStateChangeReason.builder().message("Cluster ready to run steps.").build());
        }
        return status.build();
    }

    private static Tag tag(StoredTag tag)
    {
        return Tag.builder().key(tag.key()).value(tag.value()).build();
    }
}
