package dev.lanyard.services.ec2;

import dev.lanyard.services.iam.StoredTag;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.lanyard.services.ec2.Ec2Filters.single;

/** The DescribeInstances filters Lanyard knows; the names are EC2's. */
final class InstanceFilters
{
    static final Ec2Filters<StoredInstance> FILTERS = new Ec2Filters<>(
            Map.ofEntries(
                    Map.entry("instance-id", instance -> List.of(instance.id())),
                    Map.entry("instance-state-name", instance -> List.of(instance.body().state())),
                    Map.entry("instance-state-code", instance -> List.of(String.valueOf(InstanceViews.state(
                            InstanceStateName.fromValue(instance.body().state())).code()))),
                    Map.entry("instance-type", instance -> List.of(instance.body().instanceType())),
                    Map.entry("image-id", instance -> List.of(instance.body().imageId())),
                    Map.entry("reservation-id", instance -> List.of(instance.body().reservationId())),
                    Map.entry("availability-zone", instance -> List.of(instance.body().availabilityZone())),
                    Map.entry("private-ip-address", instance -> single(instance.body().privateIpAddress())),
                    Map.entry("key-name", instance -> single(instance.body().keyName())),
                    Map.entry("client-token", instance -> single(instance.body().clientToken())),
                    Map.entry("owner-id", instance -> List.of(instance.entity().accountId())),
                    Map.entry("iam-instance-profile.arn", instance -> instance.associationBody().map(AssociationBody::instanceProfileArn).map(List::of).orElse(List.of())),
                    Map.entry("iam-instance-profile.id", instance -> instance.associationBody().map(AssociationBody::instanceProfileId).map(List::of).orElse(List.of()))),
            Optional.of(InstanceFilters::tags));

    private InstanceFilters() {}

    private static Map<String, String> tags(StoredInstance instance)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        for (StoredTag tag : instance.body().tags()) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }
}
