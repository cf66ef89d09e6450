package dev.lanyard.services.autoscaling;

import dev.lanyard.services.autoscaling.GroupBody.GroupInstance;
import dev.lanyard.services.autoscaling.GroupBody.GroupTag;
import dev.lanyard.services.ec2.ServiceLaunches;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.WriteTransaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bringing a group to its desired capacity inside the write that changed it, so Describe shows the new instances at once.
 * Launches go to the zone with the fewest instances; scale-in takes the oldest instance of the zone with the most, an
 * approximation of AWS's default termination policy (balance zones, then oldest launch configuration).
 */
final class GroupScaling
{
    /** At most this many instances in one group: Lanyard writes every instance in the request's transaction. */
    static final int MAX_GROUP_INSTANCES = 100;
    static final String GROUP_NAME_TAG = "aws:autoscaling:groupName";

    private GroupScaling() {}

    /** Stores the group with {@code body.desiredCapacity()} live instances, launching or terminating the difference. */
    static GroupBody reconcile(WriteTransaction transaction, Entity group, GroupBody body, String region, Instant now)
    {
        String accountId = group.accountId();
        List<GroupInstance> instances = new ArrayList<>();
        for (GroupInstance instance : body.instances()) {
            // An instance terminated through EC2 directly has left the group (there are no health checks to replace it first).
            if (ServiceLaunches.isLive(transaction, accountId, region, instance.instanceId())) {
                instances.add(instance);
            }
            else {
                transaction.deleteLink(new Link(accountId, AutoScalingKinds.GROUP_INSTANCE, group.id(), instance.instanceId()));
            }
        }
        int missing = body.desiredCapacity() - instances.size();
        if (missing > 0) {
            instances.addAll(launch(transaction, group, body, instances, missing, region, now));
        }
        while (instances.size() > body.desiredCapacity()) {
            GroupInstance leaving = scaleInCandidate(instances);
            instances.remove(leaving);
            remove(transaction, group, leaving.instanceId(), region, now);
        }
        GroupBody updated = body.withInstances(instances);
        transaction.updateEntity(group.withBody(EntityJson.write(updated)));
        return updated;
    }

    /** Terminates the instance and unlinks it from the group; the caller updates the group's body. */
    static void remove(WriteTransaction transaction, Entity group, String instanceId, String region, Instant now)
    {
        ServiceLaunches.terminate(transaction, group.accountId(), region, List.of(instanceId), now);
        transaction.deleteLink(new Link(group.accountId(), AutoScalingKinds.GROUP_INSTANCE, group.id(), instanceId));
    }

    private static List<GroupInstance> launch(WriteTransaction transaction, Entity group, GroupBody body, List<GroupInstance> current, int count, String region, Instant now)
    {
        String accountId = group.accountId();
        LaunchConfigurationBody configuration = LaunchConfigurationOperations.require(transaction, accountId, region, body.launchConfigurationName());
        Optional<String> profile = Optional.ofNullable(configuration.iamInstanceProfile());
        if (profile.isPresent() && ServiceLaunches.findProfile(transaction, accountId, profile.get()).isEmpty()) {
            // AWS would record a failed scaling activity; Lanyard has no activities to show it in, so the call fails.
            throw AutoScalingErrors.invalidInstanceProfile(profile.get());
        }
        List<StoredTag> tags = new ArrayList<>();
        for (GroupTag tag : body.tags()) {
            if (tag.propagateAtLaunch()) {
                tags.add(new StoredTag(tag.key(), tag.value()));
            }
        }
        tags.add(new StoredTag(GROUP_NAME_TAG, body.name()));
        Map<String, Integer> perZone = new HashMap<>();
        body.availabilityZones().forEach(zone -> perZone.put(zone, 0));
        current.forEach(instance -> perZone.merge(instance.availabilityZone(), 1, Integer::sum));
        List<String> zones = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String zone = body.availabilityZones().stream().min(Comparator.comparingInt(perZone::get)).orElseThrow();
            perZone.merge(zone, 1, Integer::sum);
            zones.add(zone);
        }
        ServiceLaunches.Launch launch = new ServiceLaunches.Launch(configuration.imageId(), configuration.instanceType(), Optional.ofNullable(configuration.keyName()),
                profile.map(ServiceLaunches::specification), tags);
        List<String> instanceIds = ServiceLaunches.launch(transaction, accountId, region, launch, zones, now);
        List<GroupInstance> launched = new ArrayList<>();
        for (int index = 0; index < instanceIds.size(); index++) {
            transaction.insertLink(new Link(accountId, AutoScalingKinds.GROUP_INSTANCE, group.id(), instanceIds.get(index)));
            launched.add(new GroupInstance(instanceIds.get(index), zones.get(index), configuration.name(), configuration.instanceType(), now.toString()));
        }
        return launched;
    }

    private static GroupInstance scaleInCandidate(List<GroupInstance> instances)
    {
        Map<String, Long> perZone = new HashMap<>();
        instances.forEach(instance -> perZone.merge(instance.availabilityZone(), 1L, Long::sum));
        return instances.stream()
                .min(Comparator.<GroupInstance>comparingLong(instance -> -perZone.get(instance.availabilityZone()))
                        .thenComparing(GroupInstance::launchTime)
                        .thenComparing(GroupInstance::instanceId))
                .orElseThrow();
    }
}
