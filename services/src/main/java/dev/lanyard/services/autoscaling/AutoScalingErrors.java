package dev.lanyard.services.autoscaling;

import dev.lanyard.protocol.AwsErrorException;

/**
 * Auto Scaling's errors as {@link AwsErrorException}s with its codes (all 400, Sender). Which messages are AWS's
 * verbatim and which are ours is listed in docs/autoscaling.md.
 */
final class AutoScalingErrors
{
    private AutoScalingErrors() {}

    static AwsErrorException validation(String message)
    {
        return new AwsErrorException("ValidationError", message, 400);
    }

    static AwsErrorException alreadyExists(String message)
    {
        return new AwsErrorException("AlreadyExists", message, 400);
    }

    static AwsErrorException resourceInUse(String message)
    {
        return new AwsErrorException("ResourceInUse", message, 400);
    }

    static AwsErrorException limitExceeded(String message)
    {
        return new AwsErrorException("LimitExceeded", message, 400);
    }

    static AwsErrorException launchConfigurationNotFound(String name)
    {
        return validation("Launch configuration name not found - Launch configuration " + name + " not found");
    }

    static AwsErrorException groupNotFound(String name)
    {
        return validation("AutoScalingGroup name not found - AutoScalingGroup " + name + " not found");
    }

    static AwsErrorException invalidInstanceProfile(String nameOrArn)
    {
        return validation("Invalid IamInstanceProfile: " + nameOrArn);
    }

    static AwsErrorException desiredOutOfRange(int desired, int minSize, int maxSize)
    {
        return validation("Desired capacity:" + desired + " must be between the specified min size:" + minSize + " and max size:" + maxSize);
    }

    static AwsErrorException unsupported(String what)
    {
        return validation("Lanyard does not support " + what + " yet; use LaunchConfigurationName.");
    }
}
