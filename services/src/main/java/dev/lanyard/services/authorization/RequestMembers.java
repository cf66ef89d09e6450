package dev.lanyard.services.authorization;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request members by botocore name (dotted for nested members) through the SDK model's {@code sdkFields()}, as the
 * authorization table names them. Lists are flattened: "InstanceIds" gives every id, "Placement.GroupName" one value.
 */
final class RequestMembers
{
    private RequestMembers() {}

    /** The text of every value at the path; empty when the member is absent. */
    static List<String> values(SdkPojo request, String path)
    {
        List<Object> found = new ArrayList<>();
        collect(request, path.split("\\."), 0, found);
        List<String> texts = new ArrayList<>(found.size());
        for (Object value : found) {
            if (!(value instanceof SdkPojo) && !(value instanceof Map<?, ?>)) {
                texts.add(value.toString());
            }
        }
        return texts;
    }

    /** Whether the member is present and not an empty list or map (an additional action's trigger). */
    static boolean isPresent(SdkPojo request, String path)
    {
        List<Object> found = new ArrayList<>();
        collect(request, path.split("\\."), 0, found);
        return !found.isEmpty();
    }

    /**
     * The tags a member carries, by key: a list of Key/Value shapes (IAM, STS, Auto Scaling, EMR), or shapes holding
     * such a list under Tags (EC2 TagSpecifications).
     */
    static Map<String, String> tags(SdkPojo request, String path)
    {
        List<Object> found = new ArrayList<>();
        collect(request, path.split("\\."), 0, found);
        Map<String, String> tags = new LinkedHashMap<>();
        for (Object value : found) {
            addTags(value, tags);
        }
        return tags;
    }

    private static void addTags(Object value, Map<String, String> tags)
    {
        if (value instanceof Collection<?> list) {
            list.forEach(element -> addTags(element, tags));
            return;
        }
        if (!(value instanceof SdkPojo pojo)) {
            return;
        }
        Object key = member(pojo, "Key");
        if (key != null) {
            Object tagValue = member(pojo, "Value");
            tags.put(key.toString(), tagValue == null ? "" : tagValue.toString());
            return;
        }
        Object nested = member(pojo, "Tags");
        if (nested != null) {
            addTags(nested, tags);
        }
    }

    private static void collect(Object value, String[] path, int index, List<Object> into)
    {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            for (Object element : list) {
                collect(element, path, index, into);
            }
            return;
        }
        if (index == path.length) {
            if (value instanceof Map<?, ?> map && map.isEmpty()) {
                return;
            }
            into.add(value);
            return;
        }
        if (value instanceof SdkPojo pojo) {
            collect(member(pojo, path[index]), path, index + 1, into);
        }
    }

    private static Object member(SdkPojo pojo, String memberName)
    {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.memberName().equals(memberName)) {
                Object value = field.getValueOrDefault(pojo);
                // The SDK stands in an auto-construct list for an absent one: treat it as absent.
                if (value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
                        || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
                    return null;
                }
                return value;
            }
        }
        return null;
    }
}
