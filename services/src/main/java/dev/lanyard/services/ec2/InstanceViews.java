package dev.lanyard.services.ec2;

import dev.lanyard.services.iam.StoredTag;
import software.amazon.awssdk.services.ec2.model.ArchitectureValues;
import software.amazon.awssdk.services.ec2.model.DeviceType;
import software.amazon.awssdk.services.ec2.model.HypervisorType;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfile;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociationState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.MonitoringState;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Tenancy;
import software.amazon.awssdk.services.ec2.model.VirtualizationType;

import java.time.Instant;
import java.util.List;

/**
 * Stored instances and associations as EC2 shows them. What Lanyard does not model (VPCs, subnets, security groups,
 * volumes, network interfaces) is left out rather than invented; the rest is what AWS shows for an EBS-backed Linux
 * instance in the default tenancy.
 */
final class InstanceViews
{
    private InstanceViews() {}

    static InstanceState state(InstanceStateName name)
    {
        int code = switch (name) {
            case PENDING -> 0;
            case RUNNING -> 16;
            case SHUTTING_DOWN -> 32;
            case TERMINATED -> 48;
            case STOPPING -> 64;
            case STOPPED -> 80;
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("No state code for " + name);
        };
        return InstanceState.builder().code(code).name(name).build();
    }

    /** The instance as Describe shows it, in its stored state. */
    static Instance instance(StoredInstance stored, String region)
    {
        return instance(stored, region, InstanceStateName.fromValue(stored.body().state()));
    }

    /** The instance showing {@code state}: RunInstances answers "pending" for an instance Describe already shows running. */
    static Instance instance(StoredInstance stored, String region, InstanceStateName state)
    {
        InstanceBody body = stored.body();
        boolean terminated = state == InstanceStateName.TERMINATED;
        Instance.Builder builder = Instance.builder()
                .instanceId(stored.id())
                .imageId(body.imageId())
                .state(state(state))
                .privateDnsName(terminated ? "" : privateDnsName(body.privateIpAddress(), region))
                .publicDnsName("")
                .stateTransitionReason(body.stateTransitionReason())
                .amiLaunchIndex(body.amiLaunchIndex())
                .productCodes(List.of())
                .instanceType(body.instanceType())
                .launchTime(Instant.parse(body.launchTime()))
                .placement(Placement.builder().availabilityZone(body.availabilityZone()).groupName("").tenancy(Tenancy.DEFAULT).build())
                .monitoring(Monitoring.builder().state(MonitoringState.DISABLED).build())
                .architecture(ArchitectureValues.X86_64)
                .rootDeviceType(DeviceType.EBS)
                .rootDeviceName("/dev/xvda")
                .blockDeviceMappings(List.of())
                .virtualizationType(VirtualizationType.HVM)
                .hypervisor(HypervisorType.XEN)
                .securityGroups(List.of())
                .ebsOptimized(false)
                .enaSupport(true)
                .platformDetails("Linux/UNIX")
                .usageOperation("RunInstances");
        if (!terminated) {
            builder.privateIpAddress(body.privateIpAddress());
        }
        if (!body.clientToken().isEmpty()) {
            builder.clientToken(body.clientToken());
        }
        if (body.keyName() != null) {
            builder.keyName(body.keyName());
        }
        if (!body.tags().isEmpty()) {
            builder.tags(tags(body.tags()));
        }
        stored.associationBody().ifPresent(association -> builder.iamInstanceProfile(IamInstanceProfile.builder()
                .arn(association.instanceProfileArn())
                .id(association.instanceProfileId())
                .build()));
        return builder.build();
    }

    static IamInstanceProfileAssociation association(String associationId, AssociationBody body, IamInstanceProfileAssociationState state)
    {
        return IamInstanceProfileAssociation.builder()
                .associationId(associationId)
                .instanceId(body.instanceId())
                .iamInstanceProfile(IamInstanceProfile.builder().arn(body.instanceProfileArn()).id(body.instanceProfileId()).build())
                .state(state)
                .timestamp(Instant.parse(body.timestamp()))
                .build();
    }

    /** AWS's internal DNS names: ec2.internal in us-east-1, REGION.compute.internal elsewhere. */
    static String privateDnsName(String privateIpAddress, String region)
    {
        String host = "ip-" + privateIpAddress.replace('.', '-');
        return region.equals("us-east-1") ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    private static List<Tag> tags(List<StoredTag> tags)
    {
        return tags.stream().map(tag -> Tag.builder().key(tag.key()).value(tag.value()).build()).toList();
    }
}
