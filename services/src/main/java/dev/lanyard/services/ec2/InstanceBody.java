package dev.lanyard.services.ec2;

import dev.lanyard.services.iam.StoredTag;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The stored body of an instance entity (kind {@link Ec2Kinds#INSTANCE}, id and name the instance id). Its IAM instance
 * profile is an association entity linked from the instance ({@link Ec2Kinds#INSTANCE_ASSOCIATION}), so that the
 * association's own operations never rewrite the instance.
 *
 * @param state the state name as EC2 shows it (running, stopped, terminated): transitions are immediate
 * @param launchTime ISO-8601, set at launch and at each start, as AWS sets it
 * @param clientToken the RunInstances ClientToken, empty when none was given
 */
record InstanceBody(
        String reservationId,
        String imageId,
        String instanceType,
        String state,
        String availabilityZone,
        String privateIpAddress,
        int amiLaunchIndex,
        String launchTime,
        String clientToken,
        String keyName,
        String stateTransitionReason,
        List<StoredTag> tags)
{
    InstanceBody
    {
        requireNonNull(reservationId, "reservationId is null");
        requireNonNull(imageId, "imageId is null");
        requireNonNull(instanceType, "instanceType is null");
        requireNonNull(state, "state is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        requireNonNull(privateIpAddress, "privateIpAddress is null");
        requireNonNull(launchTime, "launchTime is null");
        clientToken = clientToken == null ? "" : clientToken;
        stateTransitionReason = stateTransitionReason == null ? "" : stateTransitionReason;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    InstanceBody withState(String state, String launchTime, String stateTransitionReason)
    {
        return new InstanceBody(reservationId, imageId, instanceType, state, availabilityZone, privateIpAddress, amiLaunchIndex, launchTime, clientToken, keyName,
                stateTransitionReason, tags);
    }
}
