package dev.lanyard.services.emr;

import dev.lanyard.services.iam.StoredTag;
import software.amazon.awssdk.services.emr.model.Tag;

import java.util.List;

/** EMR's tags as stored: the model makes Key optional, but a tag without a key means nothing, so it is refused. */
final class EmrTags
{
    private EmrTags() {}

    static List<StoredTag> stored(List<Tag> tags)
    {
        return tags.stream().map(EmrTags::stored).toList();
    }

    private static StoredTag stored(Tag tag)
    {
        if (tag.key() == null || tag.key().isEmpty()) {
            throw EmrErrors.invalidRequest("A tag must have a key.");
        }
        return new StoredTag(tag.key(), tag.value() == null ? "" : tag.value());
    }
}
