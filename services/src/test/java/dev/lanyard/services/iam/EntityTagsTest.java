package dev.lanyard.services.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins the rules each entity family had before their tag code was merged, differences included. */
class EntityTagsTest
{
    private static final List<StoredTag> EXISTING = List.of(new StoredTag("Team", "a"), new StoredTag("cost", "1"));
    private static final List<Tag> RETAG = List.of(tag("TEAM", "b"), tag("owner", null));

    @Test
    void movedToEndTakesTheRequestedSpellingOfTheKey()
    {
        for (EntityTags.Rules rules : List.of(EntityTags.ROLE, EntityTags.INSTANCE_PROFILE, EntityTags.MFA_DEVICE_AND_FEDERATION)) {
            assertThat(EntityTags.merge(EXISTING, RETAG, rules))
                    .containsExactly(new StoredTag("cost", "1"), new StoredTag("TEAM", "b"), new StoredTag("owner", ""));
        }
    }

    @Test
    void inPlaceKeepsTheStoredSpellingAndPosition()
    {
        for (EntityTags.Rules rules : List.of(EntityTags.USER_AND_SERVER_CERTIFICATE, EntityTags.MANAGED_POLICY)) {
            assertThat(EntityTags.merge(EXISTING, RETAG, rules))
                    .containsExactly(new StoredTag("Team", "b"), new StoredTag("cost", "1"), new StoredTag("owner", ""));
        }
    }

    @Test
    void duplicateKeysIgnoringCaseAreRefusedByEveryFamily()
    {
        for (EntityTags.Rules rules : allRules()) {
            assertThatThrownBy(() -> EntityTags.fromRequest(List.of(tag("k", "1"), tag("K", "2")), rules))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        }
    }

    @Test
    void onlyRolesAndInstanceProfilesReserveTheAwsPrefix()
    {
        List<Tag> reserved = List.of(tag("AWS:thing", "x"));
        for (EntityTags.Rules rules : List.of(EntityTags.ROLE, EntityTags.INSTANCE_PROFILE)) {
            assertThatThrownBy(() -> EntityTags.fromRequest(reserved, rules))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("User is not authorized to use tag keys starting with 'aws:' (reserved for internal use).");
        }
        for (EntityTags.Rules rules : List.of(EntityTags.MFA_DEVICE_AND_FEDERATION, EntityTags.USER_AND_SERVER_CERTIFICATE, EntityTags.MANAGED_POLICY)) {
            assertThat(EntityTags.fromRequest(reserved, rules)).containsExactly(new StoredTag("AWS:thing", "x"));
        }
    }

    @Test
    void limitMessages()
    {
        List<Tag> fiftyOne = new ArrayList<>();
        for (int index = 0; index <= EntityTags.MAX_TAGS; index++) {
            fiftyOne.add(tag("key" + index, "v"));
        }
        assertThat(EntityTags.fromRequest(fiftyOne.subList(0, EntityTags.MAX_TAGS), EntityTags.ROLE)).hasSize(EntityTags.MAX_TAGS);
        assertThatThrownBy(() -> EntityTags.fromRequest(fiftyOne, EntityTags.ROLE))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for TagsPerRole: 50");
        assertThatThrownBy(() -> EntityTags.fromRequest(fiftyOne, EntityTags.INSTANCE_PROFILE))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for TagsPerInstanceProfile: 50");
        for (EntityTags.Rules rules : List.of(EntityTags.MFA_DEVICE_AND_FEDERATION, EntityTags.USER_AND_SERVER_CERTIFICATE, EntityTags.MANAGED_POLICY)) {
            assertThatThrownBy(() -> EntityTags.fromRequest(fiftyOne, rules))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessage("The number of tags has reached the maximum limit.");
        }
    }

    @Test
    void removeIgnoresCaseAndUnknownKeys()
    {
        assertThat(EntityTags.remove(EXISTING, List.of("TEAM", "absent"))).containsExactly(new StoredTag("cost", "1"));
        assertThat(EntityTags.remove(null, List.of("x"))).isEmpty();
    }

    @Test
    void pagesByLastKeyAndTreatsAnUnknownMarkerPerFamily()
    {
        List<StoredTag> tags = List.of(new StoredTag("a", "1"), new StoredTag("b", "2"), new StoredTag("c", "3"));
        for (EntityTags.Rules rules : allRules()) {
            IamPaging.Page<Tag> first = EntityTags.page(tags, null, 2, rules);
            assertThat(first.items()).extracting(Tag::key).containsExactly("a", "b");
            assertThat(first.truncated()).isTrue();
            IamPaging.Page<Tag> rest = EntityTags.page(tags, first.nextMarker(), 2, rules);
            assertThat(rest.items()).extracting(Tag::key).containsExactly("c");
            assertThat(rest.truncated()).isFalse();
        }
        String gone = IamPaging.marker("gone");
        for (EntityTags.Rules rules : List.of(EntityTags.ROLE, EntityTags.INSTANCE_PROFILE)) {
            assertThatThrownBy(() -> EntityTags.page(tags, gone, 2, rules))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Invalid Marker.");
        }
        for (EntityTags.Rules rules : List.of(EntityTags.MFA_DEVICE_AND_FEDERATION, EntityTags.USER_AND_SERVER_CERTIFICATE, EntityTags.MANAGED_POLICY)) {
            assertThat(EntityTags.page(tags, gone, 2, rules).items()).isEmpty();
        }
    }

    private static List<EntityTags.Rules> allRules()
    {
        return List.of(EntityTags.ROLE, EntityTags.INSTANCE_PROFILE, EntityTags.MFA_DEVICE_AND_FEDERATION, EntityTags.USER_AND_SERVER_CERTIFICATE, EntityTags.MANAGED_POLICY);
    }

    private static Tag tag(String key, String value)
    {
        return Tag.builder().key(key).value(value).build();
    }
}
