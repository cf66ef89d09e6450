package dev.lanyard.services.iam;

import dev.lanyard.protocol.PolicyDocuments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.UntagInstanceProfileRequest;

import java.util.ArrayList;
import java.util.List;

import static dev.lanyard.services.iam.RoleOperationsTest.EC2_TRUST;
import static dev.lanyard.services.iam.RoleTestSupport.OTHER_ACCOUNT;
import static dev.lanyard.services.iam.RoleTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceProfileOperationsTest
{
    private final RoleTestSupport support = new RoleTestSupport();
    private final InstanceProfileOperations profiles = support.profiles;

    @AfterEach
    void close()
    {
        support.close();
    }

    private Role createRole(String name)
    {
        return support.roles.createRole(call(), CreateRoleRequest.builder().roleName(name).path("/ec2/").assumeRolePolicyDocument(EC2_TRUST).build()).role();
    }

    @Test
    void createGetAndListShowAwsShape()
    {
        InstanceProfile created = profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("s3access-profile").build()).instanceProfile();
        assertThat(created.instanceProfileId()).matches("AIPA[A-Z2-7]{17}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/s3access-profile");
        assertThat(created.path()).isEqualTo("/");
        assertThat(created.roles()).isEmpty();
        assertThat(created.createDate()).isNotNull();

        profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("b").path("/web/").build());
        profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("C").path("/web/").build());
        InstanceProfile fetched = profiles.getInstanceProfile(call(), GetInstanceProfileRequest.builder().instanceProfileName("S3ACCESS-PROFILE").build()).instanceProfile();
        assertThat(fetched.instanceProfileId()).isEqualTo(created.instanceProfileId());

        ListInstanceProfilesResponse web = profiles.listInstanceProfiles(call(), ListInstanceProfilesRequest.builder().pathPrefix("/web/").maxItems(1).build());
        assertThat(web.instanceProfiles()).extracting(InstanceProfile::instanceProfileName).containsExactly("b");
        assertThat(web.isTruncated()).isTrue();
        ListInstanceProfilesResponse next = profiles.listInstanceProfiles(call(), ListInstanceProfilesRequest.builder().pathPrefix("/web/").maxItems(1).marker(web.marker()).build());
        assertThat(next.instanceProfiles()).extracting(InstanceProfile::instanceProfileName).containsExactly("C");
        assertThat(next.isTruncated()).isFalse();
        assertThat(profiles.listInstanceProfiles(call(), ListInstanceProfilesRequest.builder().build()).instanceProfiles()).hasSize(3);
        assertThat(profiles.listInstanceProfiles(call(OTHER_ACCOUNT), ListInstanceProfilesRequest.builder().build()).instanceProfiles()).isEmpty();
    }

    @Test
    void namesAreUniqueIgnoringCase()
    {
        profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("Profile").build());
        assertThatThrownBy(() -> profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("PROFILE").build()))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .hasMessage("Instance Profile with name PROFILE already exists.");
    }

    @Test
    void missingProfileIsNoSuchEntity()
    {
        createRole("r");
        String message = "Instance Profile ghost cannot be found.";
        assertThatThrownBy(() -> profiles.getInstanceProfile(call(), GetInstanceProfileRequest.builder().instanceProfileName("ghost").build()))
                .isInstanceOf(NoSuchEntityException.class).hasMessage(message);
        assertThatThrownBy(() -> profiles.deleteInstanceProfile(call(), DeleteInstanceProfileRequest.builder().instanceProfileName("ghost").build()))
                .isInstanceOf(NoSuchEntityException.class).hasMessage(message);
        assertThatThrownBy(() -> profiles.addRoleToInstanceProfile(call(), AddRoleToInstanceProfileRequest.builder().instanceProfileName("ghost").roleName("r").build()))
                .isInstanceOf(NoSuchEntityException.class).hasMessage(message);
        assertThatThrownBy(() -> profiles.removeRoleFromInstanceProfile(call(), RemoveRoleFromInstanceProfileRequest.builder().instanceProfileName("ghost").roleName("r").build()))
                .isInstanceOf(NoSuchEntityException.class).hasMessage(message);
        assertThatThrownBy(() -> profiles.tagInstanceProfile(call(), TagInstanceProfileRequest.builder().instanceProfileName("ghost").tags(Tag.builder().key("a").value("b").build()).build()))
                .isInstanceOf(NoSuchEntityException.class).hasMessage(message);
        assertThatThrownBy(() -> profiles.untagInstanceProfile(call(), UntagInstanceProfileRequest.builder().instanceProfileName("ghost").tagKeys("a").build()))
                .isInstanceOf(NoSuchEntityException.class).hasMessage(message);
        assertThatThrownBy(() -> profiles.listInstanceProfileTags(call(), ListInstanceProfileTagsRequest.builder().instanceProfileName("ghost").build()))
                .isInstanceOf(NoSuchEntityException.class).hasMessage(message);
        assertThatThrownBy(() -> profiles.listInstanceProfilesForRole(call(), ListInstanceProfilesForRoleRequest.builder().roleName("ghost").build()))
                .isInstanceOf(NoSuchEntityException.class).hasMessage("The role with name ghost cannot be found.");
    }

    @Test
    void oneRolePerProfile()
    {
        Role role = createRole("s3access");
        createRole("second");
        profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("p").build());
        assertThatThrownBy(() -> profiles.addRoleToInstanceProfile(call(), AddRoleToInstanceProfileRequest.builder().instanceProfileName("p").roleName("ghost").build()))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("The role with name ghost cannot be found.");
        profiles.addRoleToInstanceProfile(call(), AddRoleToInstanceProfileRequest.builder().instanceProfileName("p").roleName("s3access").build());

        InstanceProfile profile = profiles.getInstanceProfile(call(), GetInstanceProfileRequest.builder().instanceProfileName("p").build()).instanceProfile();
        assertThat(profile.roles()).hasSize(1);
        Role inProfile = profile.roles().getFirst();
        assertThat(inProfile.roleId()).isEqualTo(role.roleId());
        assertThat(inProfile.arn()).isEqualTo("arn:aws:iam::123456789012:role/ec2/s3access");
        assertThat(inProfile.path()).isEqualTo("/ec2/");
        assertThat(inProfile.createDate()).isEqualTo(role.createDate());
        assertThat(PolicyDocuments.decode(inProfile.assumeRolePolicyDocument())).isEqualTo(EC2_TRUST);

        for (String roleName : List.of("second", "s3access")) {
            assertThatThrownBy(() -> profiles.addRoleToInstanceProfile(call(), AddRoleToInstanceProfileRequest.builder().instanceProfileName("p").roleName(roleName).build()))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessage("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        }

        assertThatThrownBy(() -> profiles.deleteInstanceProfile(call(), DeleteInstanceProfileRequest.builder().instanceProfileName("p").build()))
                .isInstanceOf(DeleteConflictException.class)
                .hasMessage("Cannot delete entity, must remove roles from instance profile first.");
        assertThatThrownBy(() -> profiles.removeRoleFromInstanceProfile(call(), RemoveRoleFromInstanceProfileRequest.builder().instanceProfileName("p").roleName("second").build()))
                .isInstanceOf(NoSuchEntityException.class);
        profiles.removeRoleFromInstanceProfile(call(), RemoveRoleFromInstanceProfileRequest.builder().instanceProfileName("p").roleName("s3access").build());
        assertThat(profiles.getInstanceProfile(call(), GetInstanceProfileRequest.builder().instanceProfileName("p").build()).instanceProfile().roles()).isEmpty();
        profiles.addRoleToInstanceProfile(call(), AddRoleToInstanceProfileRequest.builder().instanceProfileName("p").roleName("second").build());
        profiles.removeRoleFromInstanceProfile(call(), RemoveRoleFromInstanceProfileRequest.builder().instanceProfileName("p").roleName("second").build());
        profiles.deleteInstanceProfile(call(), DeleteInstanceProfileRequest.builder().instanceProfileName("p").build());
        assertThatThrownBy(() -> profiles.getInstanceProfile(call(), GetInstanceProfileRequest.builder().instanceProfileName("p").build()))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void listInstanceProfilesForRolePagesByName()
    {
        createRole("shared");
        for (String name : List.of("zeta", "Alpha", "mid")) {
            profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName(name).build());
            profiles.addRoleToInstanceProfile(call(), AddRoleToInstanceProfileRequest.builder().instanceProfileName(name).roleName("shared").build());
        }
        profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("unrelated").build());
        ListInstanceProfilesForRoleResponse first = profiles.listInstanceProfilesForRole(call(), ListInstanceProfilesForRoleRequest.builder().roleName("shared").maxItems(2).build());
        assertThat(first.instanceProfiles()).extracting(InstanceProfile::instanceProfileName).containsExactly("Alpha", "mid");
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.instanceProfiles().getFirst().roles()).extracting(Role::roleName).containsExactly("shared");
        ListInstanceProfilesForRoleResponse rest = profiles.listInstanceProfilesForRole(call(), ListInstanceProfilesForRoleRequest.builder().roleName("shared").maxItems(2).marker(first.marker()).build());
        assertThat(rest.instanceProfiles()).extracting(InstanceProfile::instanceProfileName).containsExactly("zeta");
        assertThat(rest.isTruncated()).isFalse();
    }

    @Test
    void tags()
    {
        InstanceProfile created = profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("t")
                .tags(Tag.builder().key("Team").value("blue").build()).build()).instanceProfile();
        assertThat(created.tags()).extracting(Tag::key).containsExactly("Team");
        profiles.tagInstanceProfile(call(), TagInstanceProfileRequest.builder().instanceProfileName("t").tags(Tag.builder().key("team").value("red").build(), Tag.builder().key("Env").value("dev").build()).build());
        assertThat(profiles.listInstanceProfileTags(call(), ListInstanceProfileTagsRequest.builder().instanceProfileName("t").build()).tags())
                .extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "red"), org.assertj.core.groups.Tuple.tuple("Env", "dev"));
        assertThat(profiles.getInstanceProfile(call(), GetInstanceProfileRequest.builder().instanceProfileName("t").build()).instanceProfile().tags()).hasSize(2);
        profiles.untagInstanceProfile(call(), UntagInstanceProfileRequest.builder().instanceProfileName("t").tagKeys("TEAM").build());
        assertThat(profiles.listInstanceProfileTags(call(), ListInstanceProfileTagsRequest.builder().instanceProfileName("t").build()).tags()).extracting(Tag::key).containsExactly("Env");

        assertThatThrownBy(() -> profiles.tagInstanceProfile(call(), TagInstanceProfileRequest.builder().instanceProfileName("t").tags(Tag.builder().key("k").value("1").build(), Tag.builder().key("K").value("2").build()).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        assertThatThrownBy(() -> profiles.tagInstanceProfile(call(), TagInstanceProfileRequest.builder().instanceProfileName("t").tags(Tag.builder().key("aws:x").value("1").build()).build()))
                .isInstanceOf(InvalidInputException.class);
        List<Tag> many = new ArrayList<>();
        for (int index = 0; index < 50; index++) {
            many.add(Tag.builder().key("k" + index).value("v").build());
        }
        assertThatThrownBy(() -> profiles.tagInstanceProfile(call(), TagInstanceProfileRequest.builder().instanceProfileName("t").tags(many).build()))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for TagsPerInstanceProfile: 50");
    }
}
