package dev.lanyard.services.autoscaling;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The stored body of an Auto Scaling group (kind {@link AutoScalingKinds#GROUP}). Its instances are listed here, with the
 * launch configuration each was launched with, and also linked ({@link AutoScalingKinds#GROUP_INSTANCE}) so that an
 * instance id finds its group.
 *
 * @param vpcZoneIdentifier the subnet ids as given, comma-separated; null when the group was given zones
 */
record GroupBody(
        String name,
        String arn,
        String launchConfigurationName,
        int minSize,
        int maxSize,
        int desiredCapacity,
        int defaultCooldown,
        List<String> availabilityZones,
        String vpcZoneIdentifier,
        String healthCheckType,
        int healthCheckGracePeriod,
        List<GroupTag> tags,
        String serviceLinkedRoleArn,
        String createdTime,
        List<GroupInstance> instances)
{
    GroupBody
    {
        requireNonNull(name, "name is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(launchConfigurationName, "launchConfigurationName is null");
        availabilityZones = List.copyOf(requireNonNull(availabilityZones, "availabilityZones is null"));
        requireNonNull(healthCheckType, "healthCheckType is null");
        tags = tags == null ? List.of() : List.copyOf(tags);
        requireNonNull(serviceLinkedRoleArn, "serviceLinkedRoleArn is null");
        requireNonNull(createdTime, "createdTime is null");
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    record GroupTag(String key, String value, boolean propagateAtLaunch)
    {
        GroupTag
        {
            requireNonNull(key, "key is null");
            value = value == null ? "" : value;
        }
    }

    /** An instance of the group; {@code launchTime} orders them for scale-in (oldest first). */
    record GroupInstance(String instanceId, String availabilityZone, String launchConfigurationName, String instanceType, String launchTime)
    {
        GroupInstance
        {
            requireNonNull(instanceId, "instanceId is null");
            requireNonNull(availabilityZone, "availabilityZone is null");
            requireNonNull(launchConfigurationName, "launchConfigurationName is null");
            requireNonNull(instanceType, "instanceType is null");
            requireNonNull(launchTime, "launchTime is null");
        }
    }

    GroupBody withSizes(int minSize, int maxSize, int desiredCapacity)
    {
        return new GroupBody(name, arn, launchConfigurationName, minSize, maxSize, desiredCapacity, defaultCooldown, availabilityZones, vpcZoneIdentifier, healthCheckType,
                healthCheckGracePeriod, tags, serviceLinkedRoleArn, createdTime, instances);
    }

    GroupBody withInstances(List<GroupInstance> instances)
    {
        return new GroupBody(name, arn, launchConfigurationName, minSize, maxSize, desiredCapacity, defaultCooldown, availabilityZones, vpcZoneIdentifier, healthCheckType,
                healthCheckGracePeriod, tags, serviceLinkedRoleArn, createdTime, instances);
    }

    GroupBody withSettings(String launchConfigurationName, List<String> availabilityZones, String vpcZoneIdentifier, int defaultCooldown, String healthCheckType,
            int healthCheckGracePeriod)
    {
        return new GroupBody(name, arn, launchConfigurationName, minSize, maxSize, desiredCapacity, defaultCooldown, availabilityZones, vpcZoneIdentifier, healthCheckType,
                healthCheckGracePeriod, tags, serviceLinkedRoleArn, createdTime, instances);
    }
}
