package dev.lanyard.services.emr;

import dev.lanyard.services.ec2.ServiceLaunches.HandedProfile;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The IAM roles a RunJobFlow hands to EMR, as read before iam:PassRole was decided: the write re-reads them and refuses
 * the call when anything changed, so a role swapped in between is never passed unauthorized.
 */
record HandedRoles(HandedRole serviceRole, HandedProfile instanceProfile, HandedRole instanceRole, Optional<HandedRole> autoScalingRole)
{
    HandedRoles
    {
        requireNonNull(serviceRole, "serviceRole is null");
        requireNonNull(instanceProfile, "instanceProfile is null");
        requireNonNull(instanceRole, "instanceRole is null");
        requireNonNull(autoScalingRole, "autoScalingRole is null");
    }

    /** A role of the caller's account with its trust policy as stored (a changed trust policy is a change). */
    record HandedRole(String id, String arn, String trustPolicy)
    {
        HandedRole
        {
            requireNonNull(id, "id is null");
            requireNonNull(arn, "arn is null");
            requireNonNull(trustPolicy, "trustPolicy is null");
        }
    }
}
