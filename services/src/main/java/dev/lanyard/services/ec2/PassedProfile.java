package dev.lanyard.services.ec2;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An IAM instance profile an EC2 request hands to an instance, with the role it holds at the time it was read: the role
 * is what iam:PassRole is asked for, and an instance profile without a role passes nothing.
 */
record PassedProfile(String profileId, String profileArn, Optional<String> roleId, Optional<String> roleArn)
{
    PassedProfile
    {
        requireNonNull(profileId, "profileId is null");
        requireNonNull(profileArn, "profileArn is null");
        requireNonNull(roleId, "roleId is null");
        requireNonNull(roleArn, "roleArn is null");
    }
}
