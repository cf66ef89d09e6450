package dev.lanyard.services.autoscaling;

import dev.lanyard.services.autoscaling.GroupBody.GroupInstance;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

import java.time.Instant;
import java.util.List;

/** Groups and their instances as Auto Scaling answers them. Instances are InService and Healthy from launch: there are no health checks. */
final class GroupViews
{
    private static final String HEALTHY = "Healthy";

    private GroupViews() {}

    static AutoScalingGroup group(GroupBody body)
    {
        return AutoScalingGroup.builder()
                .autoScalingGroupName(body.name())
                .autoScalingGroupARN(body.arn())
                .launchConfigurationName(body.launchConfigurationName())
                .minSize(body.minSize())
                .maxSize(body.maxSize())
                .desiredCapacity(body.desiredCapacity())
                .defaultCooldown(body.defaultCooldown())
                .availabilityZones(body.availabilityZones())
                .vpcZoneIdentifier(body.vpcZoneIdentifier() == null ? "" : body.vpcZoneIdentifier())
                .healthCheckType(body.healthCheckType())
                .healthCheckGracePeriod(body.healthCheckGracePeriod())
                .createdTime(Instant.parse(body.createdTime()))
                .instances(body.instances().stream().map(GroupViews::instance).toList())
                .loadBalancerNames(List.of())
                .targetGroupARNs(List.of())
                .suspendedProcesses(List.of())
                .enabledMetrics(List.of())
                .terminationPolicies(List.of("Default"))
                .newInstancesProtectedFromScaleIn(false)
                .serviceLinkedRoleARN(body.serviceLinkedRoleArn())
                .tags(body.tags().stream().map(tag -> TagDescription.builder()
                        .resourceId(body.name())
                        .resourceType("auto-scaling-group")
                        .key(tag.key())
                        .value(tag.value())
                        .propagateAtLaunch(tag.propagateAtLaunch())
                        .build()).toList())
                .build();
    }

    static AutoScalingInstanceDetails details(GroupBody group, GroupInstance instance)
    {
        return AutoScalingInstanceDetails.builder()
                .instanceId(instance.instanceId())
                .instanceType(instance.instanceType())
                .autoScalingGroupName(group.name())
                .availabilityZone(instance.availabilityZone())
                .lifecycleState(LifecycleState.IN_SERVICE.toString())
                .healthStatus("HEALTHY")
                .launchConfigurationName(instance.launchConfigurationName())
                .protectedFromScaleIn(false)
                .build();
    }

    private static Instance instance(GroupInstance instance)
    {
        return Instance.builder()
                .instanceId(instance.instanceId())
                .availabilityZone(instance.availabilityZone())
                .lifecycleState(LifecycleState.IN_SERVICE)
                .healthStatus(HEALTHY)
                .instanceType(instance.instanceType())
                .launchConfigurationName(instance.launchConfigurationName())
                .protectedFromScaleIn(false)
                .build();
    }
}
