package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Tags of MFA devices, OIDC providers and SAML providers as stored in their entity bodies. IAM treats tag keys as
 * case-insensitive for uniqueness and keeps the case of the newest write; at most 50 tags per resource.
 */
public final class MfaAndFederationTags
{
    public static final int MAX_TAGS = 50;

    private MfaAndFederationTags() {}

    public record StoredTag(String key, String value)
    {
        public StoredTag
        {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    /** The tags of a create request (null or empty: none), checked for duplicate keys and the limit. */
    public static List<StoredTag> fromRequest(List<Tag> tags)
    {
        return merge(List.of(), tags);
    }

    /** {@code existing} with {@code added} put on top: a key already present (ignoring case) takes the new key and value. */
    public static List<StoredTag> merge(List<StoredTag> existing, List<Tag> added)
    {
        List<StoredTag> result = new ArrayList<>(existing == null ? List.of() : existing);
        if (added == null) {
            return List.copyOf(result);
        }
        Set<String> seen = new HashSet<>();
        for (Tag tag : added) {
            String folded = tag.key().toLowerCase(Locale.ROOT);
            if (!seen.add(folded)) {
                throw IamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            result.removeIf(stored -> stored.key().toLowerCase(Locale.ROOT).equals(folded));
            result.add(new StoredTag(tag.key(), tag.value() == null ? "" : tag.value()));
        }
        if (result.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
        }
        return List.copyOf(result);
    }

    public static List<StoredTag> remove(List<StoredTag> existing, List<String> keys)
    {
        Set<String> folded = new HashSet<>();
        for (String key : keys) {
            folded.add(key.toLowerCase(Locale.ROOT));
        }
        List<StoredTag> result = new ArrayList<>(existing == null ? List.of() : existing);
        result.removeIf(stored -> folded.contains(stored.key().toLowerCase(Locale.ROOT)));
        return List.copyOf(result);
    }

    public static List<Tag> toSdk(List<StoredTag> tags)
    {
        if (tags == null) {
            return List.of();
        }
        return tags.stream().map(tag -> Tag.builder().key(tag.key()).value(tag.value()).build()).toList();
    }

    /** A page of tags for List*Tags: the marker is the key of the last tag returned. */
    public static IamPaging.Page<Tag> page(List<StoredTag> tags, String marker, Integer maxItems)
    {
        List<Tag> all = toSdk(tags);
        int start = 0;
        String after = IamPaging.afterName(marker);
        if (after != null) {
            start = all.size();
            for (int index = 0; index < all.size(); index++) {
                if (all.get(index).key().equals(after)) {
                    start = index + 1;
                    break;
                }
            }
        }
        int fetch = IamPaging.fetchSize(maxItems);
        List<Tag> fetched = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + fetch));
        return IamPaging.page(fetched, maxItems, Tag::key);
    }
}
