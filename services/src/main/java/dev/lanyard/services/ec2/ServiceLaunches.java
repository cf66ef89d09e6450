package dev.lanyard.services.ec2;

import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Launching and terminating instances on behalf of another service (Auto Scaling, EMR), inside that service's own write
 * transaction so its records and the instances change together. No iam:PassRole is asked here: as in AWS, the service
 * checked it when the role was handed to it (the launch configuration), and launches later with its own authority.
 */
public final class ServiceLaunches
{
    private ServiceLaunches() {}

    /** What every instance of one launch gets; the profile is resolved in the caller's account at launch time. */
    public record Launch(String imageId, String instanceType, Optional<String> keyName, Optional<IamInstanceProfileSpecification> instanceProfile, List<StoredTag> tags)
    {
        public Launch
        {
            requireNonNull(imageId, "imageId is null");
            requireNonNull(instanceType, "instanceType is null");
            requireNonNull(keyName, "keyName is null");
            requireNonNull(instanceProfile, "instanceProfile is null");
            tags = List.copyOf(requireNonNull(tags, "tags is null"));
        }
    }

    /** An instance profile a service was handed: its ARN and the ARN of the role it holds, if any (what iam:PassRole is asked for). */
    public record HandedProfile(String profileArn, Optional<String> roleArn)
    {
        public HandedProfile
        {
            requireNonNull(profileArn, "profileArn is null");
            requireNonNull(roleArn, "roleArn is null");
        }
    }

    /** The profile of the account a name or a full ARN (path included) names, as RunInstances finds it. */
    public static Optional<HandedProfile> findProfile(ReadTransaction transaction, String accountId, String nameOrArn)
    {
        return InstanceProfiles.find(transaction, accountId, specification(nameOrArn))
                .map(profile -> new HandedProfile(profile.profileArn(), profile.roleArn()));
    }

    /** A name or ARN as EC2's profile specification: a value starting with "arn:" is an ARN. */
    public static IamInstanceProfileSpecification specification(String nameOrArn)
    {
        return nameOrArn.startsWith("arn:")
                ? IamInstanceProfileSpecification.builder().arn(nameOrArn).build()
                : IamInstanceProfileSpecification.builder().name(nameOrArn).build();
    }

    /**
     * Launches one running instance per availability zone given, in one reservation, each with the launch's instance
     * profile associated; answers their ids. EC2's InvalidParameterValue when the profile no longer exists.
     */
    public static List<String> launch(WriteTransaction transaction, String accountId, String region, Launch launch, List<String> availabilityZones, Instant now)
    {
        Optional<PassedProfile> profile = launch.instanceProfile().map(specification -> InstanceProfiles.resolve(transaction, accountId, specification));
        String reservationId = Ec2Ids.newId(Ec2Ids.RESERVATION);
        List<String> instanceIds = new ArrayList<>();
        for (int index = 0; index < availabilityZones.size(); index++) {
            String instanceId = Ec2Ids.newId(Ec2Ids.INSTANCE);
            InstanceBody body = new InstanceBody(reservationId, launch.imageId(), launch.instanceType(), InstanceStateName.RUNNING.toString(), availabilityZones.get(index),
                    PrivateAddresses.next(), index, now.toString(), "", launch.keyName().orElse(null), "", launch.tags());
            Entity instance = Entity.create(accountId, Ec2Kinds.INSTANCE, instanceId, instanceId, Ec2Kinds.regionPath(region), EntityJson.write(body), now);
            transaction.insertEntity(instance);
            profile.ifPresent(passed -> Associations.insert(transaction, instance, passed, now));
            instanceIds.add(instanceId);
        }
        return instanceIds;
    }

    /** Terminates these instances of the account and region (those already terminated or gone are left alone), ending their associations. */
    public static void terminate(WriteTransaction transaction, String accountId, String region, List<String> instanceIds, Instant now)
    {
        for (String instanceId : instanceIds) {
            Optional<StoredInstance> found = StoredInstance.find(transaction, accountId, region, instanceId);
            if (found.isEmpty() || found.get().body().state().equals(InstanceStateName.TERMINATED.toString())) {
                continue;
            }
            StoredInstance instance = found.get();
            instance.association().ifPresent(association -> Associations.delete(transaction, association));
            InstanceBody terminated = instance.body().withState(InstanceStateName.TERMINATED.toString(), instance.body().launchTime(), InstanceOperations.userInitiated(now));
            transaction.updateEntity(instance.entity().withBody(EntityJson.write(terminated)));
        }
    }

    /** Whether the instance exists in the account and region and is not terminated (a stopped one still counts). */
    public static boolean isLive(ReadTransaction transaction, String accountId, String region, String instanceId)
    {
        return StoredInstance.find(transaction, accountId, region, instanceId)
                .filter(instance -> !instance.body().state().equals(InstanceStateName.TERMINATED.toString()))
                .isPresent();
    }
}
