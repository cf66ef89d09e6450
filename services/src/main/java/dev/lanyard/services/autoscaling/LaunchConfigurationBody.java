package dev.lanyard.services.autoscaling;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The stored body of a launch configuration (kind {@link AutoScalingKinds#LAUNCH_CONFIGURATION}).
 *
 * @param iamInstanceProfile the name or ARN as given (AWS shows it so); null when none
 * @param instanceProfileArn the ARN of the profile it named when the configuration was created; null when none
 * @param userData base64 as given; null when none
 */
record LaunchConfigurationBody(
        String name,
        String arn,
        String imageId,
        String instanceType,
        String keyName,
        List<String> securityGroups,
        String iamInstanceProfile,
        String instanceProfileArn,
        String userData,
        boolean instanceMonitoring,
        String createdTime)
{
    LaunchConfigurationBody
    {
        requireNonNull(name, "name is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(imageId, "imageId is null");
        requireNonNull(instanceType, "instanceType is null");
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        requireNonNull(createdTime, "createdTime is null");
    }
}
