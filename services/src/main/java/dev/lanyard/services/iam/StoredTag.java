package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.Tag;

import static java.util.Objects.requireNonNull;

/**
 * A tag as stored in an entity body, for every taggable kind. The component names are the JSON field names of stored
 * bodies ({@code "key"}, {@code "value"}): renaming one would change stored data.
 */
public record StoredTag(String key, String value)
{
    public StoredTag
    {
        requireNonNull(key, "key is null");
        // IAM treats a tag without a value as having the empty value; users' bodies were always read this way.
        value = value == null ? "" : value;
    }

    public static StoredTag fromSdk(Tag tag)
    {
        return new StoredTag(tag.key(), tag.value());
    }

    public Tag toSdk()
    {
        return Tag.builder().key(key).value(value).build();
    }
}
