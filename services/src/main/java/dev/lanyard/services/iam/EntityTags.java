package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * IAM's tag semantics for every taggable entity: keys are unique ignoring case, a tag with an existing key replaces it,
 * at most {@value #MAX_TAGS} tags per resource, and List*Tags pages with the last key returned as marker. Length,
 * character and count-per-request limits are checked by the request validator from the model.
 * <p>
 * The entity families grew their tag code separately and do not agree on every detail; those details are the
 * components of {@link Rules}, one constant per family, so each keeps the behaviour (and error messages) clients have
 * seen so far while the shared rules live here once.
 */
public final class EntityTags
{
    public static final int MAX_TAGS = 50;

    // Roles and instance profiles name their quota in the LimitExceeded message; the other families give this wording.
    private static final String LIMIT_REACHED = "The number of tags has reached the maximum limit.";

    public static final Rules ROLE = new Rules(quotaMessage("TagsPerRole"), true, Replacement.MOVED_TO_END, UnknownMarker.INVALID_INPUT);
    public static final Rules INSTANCE_PROFILE = new Rules(quotaMessage("TagsPerInstanceProfile"), true, Replacement.MOVED_TO_END, UnknownMarker.INVALID_INPUT);
    /** MFA devices, OIDC providers and SAML providers. */
    public static final Rules MFA_DEVICE_AND_FEDERATION = new Rules(LIMIT_REACHED, false, Replacement.MOVED_TO_END, UnknownMarker.EMPTY_PAGE);
    /** Users and server certificates. */
    public static final Rules USER_AND_SERVER_CERTIFICATE = new Rules(LIMIT_REACHED, false, Replacement.IN_PLACE, UnknownMarker.EMPTY_PAGE);
    public static final Rules MANAGED_POLICY = new Rules(LIMIT_REACHED, false, Replacement.IN_PLACE, UnknownMarker.EMPTY_PAGE);

    private EntityTags() {}

    /** Where a tag whose key is already present (ignoring case) ends up. */
    public enum Replacement
    {
        /** The old tag is dropped and the new one, with the request's spelling of the key, is appended. */
        MOVED_TO_END,
        /** The old tag keeps its position and its spelling of the key; only the value changes. */
        IN_PLACE,
    }

    /** What a List*Tags marker naming a key that is no longer there gives. */
    public enum UnknownMarker
    {
        INVALID_INPUT,
        EMPTY_PAGE,
    }

    /**
     * How one entity family differs from the others.
     *
     * @param limitMessage the LimitExceeded message when a merge would exceed {@value #MAX_TAGS} tags
     * @param awsPrefixReserved whether keys starting with {@code aws:} are refused
     */
    public record Rules(String limitMessage, boolean awsPrefixReserved, Replacement replacement, UnknownMarker unknownMarker)
    {
        public Rules
        {
            requireNonNull(limitMessage, "limitMessage is null");
            requireNonNull(replacement, "replacement is null");
            requireNonNull(unknownMarker, "unknownMarker is null");
        }
    }

    /** The tags of a create request (null or empty: none), checked as a merge into no tags. */
    public static List<StoredTag> fromRequest(List<Tag> requested, Rules rules)
    {
        return merge(List.of(), requested, rules);
    }

    /** The tags after adding {@code requested} (null: none) to {@code existing} (null: none). */
    public static List<StoredTag> merge(List<StoredTag> existing, List<Tag> requested, Rules rules)
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
            if (rules.awsPrefixReserved() && folded.startsWith("aws:")) {
                throw IamErrors.invalidInput("User is not authorized to use tag keys starting with 'aws:' (reserved for internal use).");
            }
        }
        List<StoredTag> merged = switch (rules.replacement()) {
            case MOVED_TO_END -> movedToEnd(current, requested, requestKeys);
            case IN_PLACE -> inPlace(current, requested);
        };
        if (merged.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded(rules.limitMessage());
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
    public static IamPaging.Page<Tag> page(List<StoredTag> tags, String marker, Integer maxItems, Rules rules)
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
                switch (rules.unknownMarker()) {
                    case INVALID_INPUT -> throw IamErrors.invalidInput("Invalid Marker.");
                    case EMPTY_PAGE -> remaining = List.of();
                }
            }
            else {
                remaining = all.subList(index + 1, all.size());
            }
        }
        return IamPaging.page(remaining, maxItems, Tag::key);
    }

    private static List<StoredTag> movedToEnd(List<StoredTag> existing, List<Tag> requested, Set<String> requestKeys)
    {
        List<StoredTag> merged = new ArrayList<>();
        for (StoredTag tag : existing) {
            if (!requestKeys.contains(fold(tag.key()))) {
                merged.add(tag);
            }
        }
        for (Tag tag : requested) {
            merged.add(StoredTag.fromSdk(tag));
        }
        return merged;
    }

    private static List<StoredTag> inPlace(List<StoredTag> existing, List<Tag> requested)
    {
        Map<String, StoredTag> byKey = new LinkedHashMap<>();
        for (StoredTag tag : existing) {
            byKey.put(fold(tag.key()), tag);
        }
        for (Tag tag : requested) {
            String folded = fold(tag.key());
            StoredTag previous = byKey.get(folded);
            byKey.put(folded, new StoredTag(previous == null ? tag.key() : previous.key(), tag.value()));
        }
        return new ArrayList<>(byKey.values());
    }

    private static String fold(String key)
    {
        return key.toLowerCase(Locale.ROOT);
    }

    private static String quotaMessage(String quotaName)
    {
        return "Cannot exceed quota for " + quotaName + ": " + MAX_TAGS;
    }
}
