package dev.lanyard.services.ec2;

import dev.lanyard.services.iam.StoredTag;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tags RunInstances puts on its instances: those of the TagSpecifications for resource type "instance". Tags for
 * the other resource types RunInstances may tag (volumes, network interfaces, spot requests) are accepted and dropped,
 * as Lanyard has no such resources.
 */
final class InstanceTags
{
    private static final Set<String> TAGGABLE_BY_RUN_INSTANCES = Set.of("instance", "volume", "network-interface", "spot-instances-request");

    private InstanceTags() {}

    static List<StoredTag> fromSpecifications(List<TagSpecification> specifications)
    {
        Map<String, StoredTag> tags = new LinkedHashMap<>();
        for (TagSpecification specification : specifications) {
            String resourceType = specification.resourceTypeAsString();
            if (resourceType == null) {
                throw Ec2Errors.missingParameter("TagSpecification.ResourceType");
            }
            if (!TAGGABLE_BY_RUN_INSTANCES.contains(resourceType)) {
                throw Ec2Errors.invalidParameterValue("'" + resourceType + "' is not a valid taggable resource type for this operation.");
            }
            for (Tag tag : specification.tags()) {
                StoredTag stored = validated(tag);
                if (resourceType.equals("instance")) {
                    tags.put(stored.key(), stored);
                }
            }
        }
        return new ArrayList<>(tags.values());
    }

    private static StoredTag validated(Tag tag)
    {
        String key = tag.key();
        if (key == null || key.isEmpty()) {
            throw Ec2Errors.invalidParameterValue("Tag key must not be empty");
        }
        if (key.startsWith("aws:")) {
            throw Ec2Errors.invalidParameterValue("Value ( " + key + " ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use");
        }
        return new StoredTag(key, tag.value());
    }
}
