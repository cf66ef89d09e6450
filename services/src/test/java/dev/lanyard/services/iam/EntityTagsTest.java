package dev.lanyard.services.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every taggable entity kind follows the same rules; only the quota name in LimitExceeded differs. */
class EntityTagsTest
{
    private static final List<StoredTag> EXISTING = List.of(new StoredTag("Team", "a"), new StoredTag("cost", "1"));
    private static final List<Tag> RETAG = List.of(tag("TEAM", "b"), tag("owner", null));

    @Test
    void aReplacedTagMovesToTheEndWithTheRequestedSpellingOfItsKey()
    {
        for (EntityTags.Taggable taggable : EntityTags.Taggable.values()) {
            assertThat(EntityTags.merge(EXISTING, RETAG, taggable))
                    .containsExactly(new StoredTag("cost", "1"), new StoredTag("TEAM", "b"), new StoredTag("owner", ""));
        }
    }

    @Test
    void duplicateKeysIgnoringCaseAreRefused()
    {
        for (EntityTags.Taggable taggable : EntityTags.Taggable.values()) {
            assertThatThrownBy(() -> EntityTags.fromRequest(List.of(tag("k", "1"), tag("K", "2")), taggable))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        }
    }

    @Test
    void theAwsPrefixIsReservedInAnyCase()
    {
        for (EntityTags.Taggable taggable : EntityTags.Taggable.values()) {
            for (String key : List.of("aws:thing", "AWS:thing", "Aws:thing")) {
                assertThatThrownBy(() -> EntityTags.merge(EXISTING, List.of(tag(key, "x")), taggable))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessage("User is not authorized to use tag keys starting with 'aws:' (reserved for internal use).");
            }
            assertThat(EntityTags.fromRequest(List.of(tag("awsthing", "x")), taggable)).containsExactly(new StoredTag("awsthing", "x"));
        }
    }

    @Test
    void fiftyTagsAtMostWithTheQuotaNamed()
    {
        List<Tag> fiftyOne = new ArrayList<>();
        for (int index = 0; index <= EntityTags.MAX_TAGS; index++) {
            fiftyOne.add(tag("key" + index, "v"));
        }
        assertThat(EntityTags.fromRequest(fiftyOne.subList(0, EntityTags.MAX_TAGS), EntityTags.Taggable.ROLE)).hasSize(EntityTags.MAX_TAGS);
        assertThatThrownBy(() -> EntityTags.fromRequest(fiftyOne, EntityTags.Taggable.ROLE))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for TagsPerRole: 50");
        assertThatThrownBy(() -> EntityTags.merge(EXISTING, fiftyOne.subList(0, 49), EntityTags.Taggable.USER))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for TagsPerUser: 50");
        // Replacing keys that are already there does not count twice.
        List<StoredTag> full = EntityTags.fromRequest(fiftyOne.subList(0, EntityTags.MAX_TAGS), EntityTags.Taggable.MANAGED_POLICY);
        assertThat(EntityTags.merge(full, List.of(tag("KEY0", "w")), EntityTags.Taggable.MANAGED_POLICY)).hasSize(EntityTags.MAX_TAGS);
        assertThatThrownBy(() -> EntityTags.merge(full, List.of(tag("one-more", "w")), EntityTags.Taggable.MANAGED_POLICY))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for TagsPerPolicy: 50");
    }

    @Test
    void removeIgnoresCaseAndUnknownKeys()
    {
        assertThat(EntityTags.remove(EXISTING, List.of("TEAM", "absent"))).containsExactly(new StoredTag("cost", "1"));
        assertThat(EntityTags.remove(null, List.of("x"))).isEmpty();
    }

    @Test
    void pagesByLastKeyAndRefusesAMarkerWhoseKeyIsGone()
    {
        List<StoredTag> tags = List.of(new StoredTag("a", "1"), new StoredTag("b", "2"), new StoredTag("c", "3"));
        IamPaging.Page<Tag> first = EntityTags.page(tags, null, 2);
        assertThat(first.items()).extracting(Tag::key).containsExactly("a", "b");
        assertThat(first.truncated()).isTrue();
        IamPaging.Page<Tag> rest = EntityTags.page(tags, first.nextMarker(), 2);
        assertThat(rest.items()).extracting(Tag::key).containsExactly("c");
        assertThat(rest.truncated()).isFalse();
        assertThatThrownBy(() -> EntityTags.page(tags, IamPaging.marker("gone"), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid Marker.");
    }

    private static Tag tag(String key, String value)
    {
        return Tag.builder().key(key).value(value).build();
    }
}
