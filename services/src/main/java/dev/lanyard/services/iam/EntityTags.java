package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * IAM's tag semantics, the same for every taggable entity: keys are unique ignoring case, a tag whose key is already
 * present (ignoring case) replaces it and moves to the end with the request's spelling of the key, keys starting with
 * {@code aws:} in any case are reserved, at most {@value #MAX_TAGS} tags per resource (LimitExceeded in AWS's
 * "Cannot exceed quota for NAME: 50" form), and List*Tags pages with the last key returned as marker. Length,
 * character and count-per-request limits are checked by the request validator from the model.
 * <p>
 * Where the entity families once differed (quota message, reserved prefix, where a replaced tag ends up, a stale
 * marker), they now share the roles' behaviour, the one AWS documents and the most used; see docs/iam-roles.md.
 */
public final class EntityTags
{
    public static final int MAX_TAGS = 50;

    private EntityTags() {}

    /** The taggable entity kinds, each with the name of its tag quota as LimitExceeded names it. */
    public enum Taggable
    {
        ROLE("TagsPerRole"),
        USER("TagsPerUser"),
        INSTANCE_PROFILE("TagsPerInstanceProfile"),
        MANAGED_POLICY("TagsPerPolicy"),
        MFA_DEVICE("TagsPerMFADevice"),
        OPEN_ID_CONNECT_PROVIDER("TagsPerOpenIDConnectProvider"),
        SAML_PROVIDER("TagsPerSAMLProvider"),
        SERVER_CERTIFICATE("TagsPerServerCertificate");

        private final String quotaName;

        Taggable(String quotaName)
        {
            this.quotaName = quotaName;
        }

        String limitMessage()
        {
            return "Cannot exceed quota for " + quotaName + ": " + MAX_TAGS;
        }
    }

    /** The tags of a create request (null or empty: none), checked as a merge into no tags. */
    public static List<StoredTag> fromRequest(List<Tag> requested, Taggable taggable)
    {
        return merge(List.of(), requested, taggable);
    }

    /** The tags after adding {@code requested} (null: none) to {@code existing} (null: none). */
    public static List<StoredTag> merge(List<StoredTag> existing, List<Tag> requested, Taggable taggable)
    {
        List<StoredTag> current = existing == null ? List.of() : existing;
        if (requested == null) {
            return List.copyOf(current);
        }
        Set<String> requestKeys = new HashSet<>();
        for (Tag tag : requested) {
            String folded = fold(tag.key());
            if (!requestKeys.add(folded)) {
                throw IamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            if (folded.startsWith("aws:")) {
                throw IamErrors.invalidInput("User is not authorized to use tag keys starting with 'aws:' (reserved for internal use).");
            }
        }
        List<StoredTag> merged = new ArrayList<>();
        for (StoredTag tag : current) {
            if (!requestKeys.contains(fold(tag.key()))) {
                merged.add(tag);
            }
        }
        for (Tag tag : requested) {
            merged.add(StoredTag.fromSdk(tag));
        }
        if (merged.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded(taggable.limitMessage());
        }
        return List.copyOf(merged);
    }

    /** The tags without the given keys (ignoring case); keys that are not there are ignored, as IAM does. */
    public static List<StoredTag> remove(List<StoredTag> existing, List<String> keys)
    {
        if (existing == null) {
            return List.of();
        }
        Set<String> removed = new HashSet<>();
        for (String key : keys) {
            removed.add(fold(key));
        }
        return existing.stream()
                .filter(tag -> !removed.contains(fold(tag.key())))
                .toList();
    }

    public static List<Tag> toSdk(List<StoredTag> tags)
    {
        if (tags == null) {
            return List.of();
        }
        return tags.stream().map(StoredTag::toSdk).toList();
    }

    /** A page of tags for List*Tags: tags keep their insertion order and the marker is the key of the last tag returned. */
    public static IamPaging.Page<Tag> page(List<StoredTag> tags, String marker, Integer maxItems)
    {
        List<Tag> all = toSdk(tags);
        String after = IamPaging.afterName(marker);
        List<Tag> remaining = all;
        if (after != null) {
            int index = 0;
            while (index < all.size() && !all.get(index).key().equals(after)) {
                index++;
            }
            if (index == all.size()) {
                // The marker's key was removed between pages: where the next page starts is unknowable.
                throw IamErrors.invalidInput("Invalid Marker.");
            }
            remaining = all.subList(index + 1, all.size());
        }
        return IamPaging.page(remaining, maxItems, Tag::key);
    }

    private static String fold(String key)
    {
        return key.toLowerCase(Locale.ROOT);
    }
}
