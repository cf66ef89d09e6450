package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The tag rules of roles and instance profiles. Length, character and count-per-request limits are checked by the
 * request validator from the model; what remains is IAM's semantics: keys are unique ignoring case, a tag with an
 * existing key replaces it, {@code aws:} is reserved, and at most 50 tags per resource.
 */
public final class RoleTags
{
    public static final int MAX_TAGS = 50;

    private RoleTags() {}

    /** A tag as stored in an entity body. */
    public record StoredTag(String key, String value)
    {
        public StoredTag
        {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * The tags after adding {@code requested} to {@code existing}.
     *
     * @param quotaName the quota named in the LimitExceeded message, e.g. "TagsPerRole"
     */
    public static List<StoredTag> merge(List<StoredTag> existing, List<Tag> requested, String quotaName)
    {
        Set<String> requestKeys = new HashSet<>();
        for (Tag tag : requested) {
            if (!requestKeys.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw IamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            if (tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw IamErrors.invalidInput("User is not authorized to use tag keys starting with 'aws:' (reserved for internal use).");
            }
        }
        List<StoredTag> merged = new ArrayList<>();
        for (StoredTag tag : existing) {
            if (!requestKeys.contains(tag.key().toLowerCase(Locale.ROOT))) {
                merged.add(tag);
            }
        }
        for (Tag tag : requested) {
            merged.add(new StoredTag(tag.key(), tag.value() == null ? "" : tag.value()));
        }
        if (merged.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded("Cannot exceed quota for " + quotaName + ": " + MAX_TAGS);
        }
        return List.copyOf(merged);
    }

    /** The tags without the given keys (ignoring case); keys that are not there are ignored, as IAM does. */
    public static List<StoredTag> remove(List<StoredTag> existing, List<String> keys)
    {
        Set<String> removed = new HashSet<>();
        for (String key : keys) {
            removed.add(key.toLowerCase(Locale.ROOT));
        }
        return existing.stream()
                .filter(tag -> !removed.contains(tag.key().toLowerCase(Locale.ROOT)))
                .toList();
    }

    public static List<Tag> toSdk(List<StoredTag> tags)
    {
        return tags.stream()
                .map(tag -> Tag.builder().key(tag.key()).value(tag.value()).build())
                .toList();
    }

    /** A page of tags for ListRoleTags / ListInstanceProfileTags: the marker is the last key returned. */
    public static IamPaging.Page<StoredTag> page(List<StoredTag> tags, String marker, Integer maxItems)
    {
        String after = IamPaging.afterName(marker);
        List<StoredTag> remaining = tags;
        if (after != null) {
            int index = 0;
            while (index < tags.size() && !tags.get(index).key().equals(after)) {
                index++;
            }
            if (index == tags.size()) {
                throw IamErrors.invalidInput("Invalid Marker.");
            }
            remaining = tags.subList(index + 1, tags.size());
        }
        return IamPaging.page(remaining, maxItems, StoredTag::key);
    }
}
