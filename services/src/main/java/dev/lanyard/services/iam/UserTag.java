package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A stored tag of a user, group or server certificate, and the tag rules these share (50 per resource, keys unique ignoring case). */
public record UserTag(String key, String value)
{
    public static final int MAXIMUM_TAGS = 50;

    public UserTag
    {
        requireNonNull(key, "key is null");
        value = value == null ? "" : value;
    }

    public Tag toSdk()
    {
        return Tag.builder().key(key).value(value).build();
    }

    public static List<Tag> toSdk(List<UserTag> tags)
    {
        return tags.stream().map(UserTag::toSdk).toList();
    }

    /** The tags after adding {@code added} (a key already present, ignoring case, gets the new value). */
    public static List<UserTag> merge(List<UserTag> existing, List<Tag> added)
    {
        Map<String, UserTag> byKey = new LinkedHashMap<>();
        for (UserTag tag : existing) {
            byKey.put(tag.key().toLowerCase(java.util.Locale.ROOT), tag);
        }
        Map<String, Tag> requested = new LinkedHashMap<>();
        for (Tag tag : added) {
            if (requested.put(tag.key().toLowerCase(java.util.Locale.ROOT), tag) != null) {
                throw IamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        for (Tag tag : requested.values()) {
            String lower = tag.key().toLowerCase(java.util.Locale.ROOT);
            UserTag previous = byKey.get(lower);
            // IAM keeps the key's original spelling and replaces the value.
            byKey.put(lower, new UserTag(previous == null ? tag.key() : previous.key(), tag.value()));
        }
        if (byKey.size() > MAXIMUM_TAGS) {
            throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
        }
        return new ArrayList<>(byKey.values());
    }

    public static List<UserTag> remove(List<UserTag> existing, List<String> keys)
    {
        List<String> lower = keys.stream().map(key -> key.toLowerCase(java.util.Locale.ROOT)).toList();
        return existing.stream().filter(tag -> !lower.contains(tag.key().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    public static List<UserTag> fromSdk(List<Tag> tags)
    {
        return merge(List.of(), tags == null ? List.of() : tags);
    }
}
