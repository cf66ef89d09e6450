package dev.lanyard.e2e;

import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.GetServiceLinkedRoleDeletionStatusResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.lanyard.e2e.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** Roles and instance profiles through the real AWS SDK v2: every operation and every error a user can trigger. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleSdkEndToEndTest
{
    private static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());

    private static String decode(String document)
    {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void roleLifecycle()
    {
        Role created = iam.createRole(request -> request.roleName("sdk-role").path("/sdk/").assumeRolePolicyDocument(EC2_TRUST)
                .description("made by the SDK").maxSessionDuration(7200).tags(Tag.builder().key("Team").value("blue").build())).role();
        assertThat(created.roleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/sdk/sdk-role");
        assertThat(decode(created.assumeRolePolicyDocument())).isEqualTo(EC2_TRUST);
        assertThat(created.tags()).extracting(Tag::key).containsExactly("Team");

        Role fetched = iam.getRole(request -> request.roleName("SDK-ROLE")).role();
        assertThat(fetched.roleId()).isEqualTo(created.roleId());
        assertThat(fetched.description()).isEqualTo("made by the SDK");
        assertThat(fetched.maxSessionDuration()).isEqualTo(7200);
        assertThat(fetched.createDate()).isEqualTo(created.createDate());
        assertThat(fetched.roleLastUsed()).isNotNull();
        assertThat(fetched.roleLastUsed().lastUsedDate()).isNull();

        assertThat(iam.listRoles(request -> request.pathPrefix("/sdk/")).roles()).extracting(Role::roleName).containsExactly("sdk-role");

        iam.updateRole(request -> request.roleName("sdk-role").maxSessionDuration(43200).description("updated"));
        assertThat(iam.getRole(request -> request.roleName("sdk-role")).role().maxSessionDuration()).isEqualTo(43200);
        assertThat(iam.updateRoleDescription(request -> request.roleName("sdk-role").description("again")).role().description()).isEqualTo("again");

        String newTrust = EC2_TRUST.replace("ec2.amazonaws.com", "lambda.amazonaws.com");
        iam.updateAssumeRolePolicy(request -> request.roleName("sdk-role").policyDocument(newTrust));
        assertThat(decode(iam.getRole(request -> request.roleName("sdk-role")).role().assumeRolePolicyDocument())).isEqualTo(newTrust);

        iam.tagRole(request -> request.roleName("sdk-role").tags(Tag.builder().key("Env").value("dev").build()));
        iam.untagRole(request -> request.roleName("sdk-role").tagKeys("Team"));
        ListRoleTagsResponse tags = iam.listRoleTags(request -> request.roleName("sdk-role"));
        assertThat(tags.tags()).extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("Env", "dev"));
        assertThat(tags.isTruncated()).isFalse();

        iam.putRolePermissionsBoundary(request -> request.roleName("sdk-role").permissionsBoundary("arn:aws:iam::aws:policy/PowerUserAccess"));
        AttachedPermissionsBoundary boundary = iam.getRole(request -> request.roleName("sdk-role")).role().permissionsBoundary();
        assertThat(boundary.permissionsBoundaryArn()).isEqualTo("arn:aws:iam::aws:policy/PowerUserAccess");
        assertThat(boundary.permissionsBoundaryType()).isEqualTo(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY);
        iam.deleteRolePermissionsBoundary(request -> request.roleName("sdk-role"));
        assertThat(iam.getRole(request -> request.roleName("sdk-role")).role().permissionsBoundary()).isNull();

        iam.deleteRole(request -> request.roleName("sdk-role"));
        assertAwsError(() -> iam.getRole(request -> request.roleName("sdk-role")), 404, "NoSuchEntity", "The role with name sdk-role cannot be found.");
    }

    @Test
    void listRolesPaginatesWithTheSdkPaginator()
    {
        for (int index = 0; index < 7; index++) {
            int number = index;
            iam.createRole(request -> request.roleName("page-" + number).path("/paging/").assumeRolePolicyDocument(EC2_TRUST));
        }
        ListRolesResponse first = iam.listRoles(request -> request.pathPrefix("/paging/").maxItems(3));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.marker()).isNotBlank();
        List<String> names = new ArrayList<>();
        iam.listRolesPaginator(request -> request.pathPrefix("/paging/").maxItems(3)).roles().forEach(role -> names.add(role.roleName()));
        assertThat(names).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4", "page-5", "page-6");
    }

    @Test
    void roleErrors()
    {
        iam.createRole(request -> request.roleName("errors").assumeRolePolicyDocument(EC2_TRUST));
        assertAwsError(() -> iam.createRole(request -> request.roleName("ERRORS").assumeRolePolicyDocument(EC2_TRUST)),
                409, "EntityAlreadyExists", "Role with name ERRORS already exists.");
        assertAwsError(() -> iam.createRole(request -> request.roleName("bad-json").assumeRolePolicyDocument("{nope")),
                400, "MalformedPolicyDocument", "Syntax errors in policy.");
        String missing = "arn:aws:iam::123456789012:user/nobody";
        assertAwsError(() -> iam.createRole(request -> request.roleName("bad-principal")
                        .assumeRolePolicyDocument(EC2_TRUST.replace("{\"Service\":\"ec2.amazonaws.com\"}", "{\"AWS\":\"" + missing + "\"}"))),
                400, "MalformedPolicyDocument", "Invalid principal in policy: \"AWS\":\"" + missing + "\"");
        String huge = EC2_TRUST.replace("}]}", ",\"Sid\":\"" + "x".repeat(2100) + "\"}]}");
        assertAwsError(() -> iam.createRole(request -> request.roleName("huge").assumeRolePolicyDocument(huge)),
                409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
        assertAwsError(() -> iam.updateAssumeRolePolicy(request -> request.roleName("ghost").policyDocument(EC2_TRUST)),
                404, "NoSuchEntity", "The role with name ghost cannot be found.");
        assertAwsError(() -> iam.createRole(request -> request.roleName("short").assumeRolePolicyDocument(EC2_TRUST).maxSessionDuration(3599)),
                400, "ValidationError", null);
        assertAwsError(() -> iam.updateRole(request -> request.roleName("errors").maxSessionDuration(43201)),
                400, "ValidationError", null);

        assertAwsError(() -> iam.tagRole(request -> request.roleName("errors").tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("A").value("2").build())),
                400, "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        assertAwsError(() -> iam.tagRole(request -> request.roleName("errors").tags(Tag.builder().key("aws:reserved").value("1").build())),
                400, "InvalidInput", null);
        List<Tag> fifty = new ArrayList<>();
        for (int index = 0; index < 50; index++) {
            fifty.add(Tag.builder().key("k" + index).value("v").build());
        }
        iam.tagRole(request -> request.roleName("errors").tags(fifty));
        assertAwsError(() -> iam.tagRole(request -> request.roleName("errors").tags(Tag.builder().key("extra").value("v").build())),
                409, "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50");
        assertAwsError(() -> iam.untagRole(request -> request.roleName("ghost").tagKeys("a")), 404, "NoSuchEntity", null);
        assertAwsError(() -> iam.listRoleTags(request -> request.roleName("ghost")), 404, "NoSuchEntity", null);
        assertAwsError(() -> iam.updateRoleDescription(request -> request.roleName("ghost").description("x")), 404, "NoSuchEntity", null);

        assertAwsError(() -> iam.putRolePermissionsBoundary(request -> request.roleName("errors").permissionsBoundary("arn:aws:iam::123456789012:policy/Missing")),
                404, "NoSuchEntity", "Policy arn:aws:iam::123456789012:policy/Missing does not exist or is not attachable.");
        assertAwsError(() -> iam.putRolePermissionsBoundary(request -> request.roleName("errors").permissionsBoundary("arn:aws:s3:::bucket/key")),
                400, "InvalidInput", "ARN arn:aws:s3:::bucket/key is not valid.");
        assertAwsError(() -> iam.deleteRolePermissionsBoundary(request -> request.roleName("errors")), 404, "NoSuchEntity", null);
        assertAwsError(() -> iam.listRoles(request -> request.marker("@@@")), 400, "InvalidInput", null);
    }

    @Test
    void deleteRoleConflictsWhileInAnInstanceProfile()
    {
        iam.createRole(request -> request.roleName("held").assumeRolePolicyDocument(EC2_TRUST));
        iam.createInstanceProfile(request -> request.instanceProfileName("holder"));
        iam.addRoleToInstanceProfile(request -> request.instanceProfileName("holder").roleName("held"));
        assertAwsError(() -> iam.deleteRole(request -> request.roleName("held")),
                409, "DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.");
        assertAwsError(() -> iam.deleteInstanceProfile(request -> request.instanceProfileName("holder")),
                409, "DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.");
        iam.removeRoleFromInstanceProfile(request -> request.instanceProfileName("holder").roleName("held"));
        iam.deleteInstanceProfile(request -> request.instanceProfileName("holder"));
        iam.deleteRole(request -> request.roleName("held"));
    }

    @Test
    void trustPolicyPrincipalsFollowUniqueIds()
    {
        iam.createRole(request -> request.roleName("trusted").assumeRolePolicyDocument(EC2_TRUST));
        String trustedArn = "arn:aws:iam::123456789012:role/trusted";
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"" + trustedArn
                + "\",\"123456789012\"]},\"Action\":\"sts:AssumeRole\"}]}";
        iam.createRole(request -> request.roleName("trusting").assumeRolePolicyDocument(trust));
        assertThat(decode(iam.getRole(request -> request.roleName("trusting")).role().assumeRolePolicyDocument()))
                .isEqualTo(trust.replace("\"123456789012\"", "\"arn:aws:iam::123456789012:root\""));

        String trustedId = iam.getRole(request -> request.roleName("trusted")).role().roleId();
        iam.deleteRole(request -> request.roleName("trusted"));
        iam.createRole(request -> request.roleName("trusted").assumeRolePolicyDocument(EC2_TRUST));
        assertThat(decode(iam.getRole(request -> request.roleName("trusting")).role().assumeRolePolicyDocument()))
                .isEqualTo(trust.replace(trustedArn, trustedId).replace("\"123456789012\"", "\"arn:aws:iam::123456789012:root\""));
    }

    @Test
    void serviceLinkedRoles()
    {
        Role role = iam.createServiceLinkedRole(request -> request.awsServiceName("autoscaling.amazonaws.com")).role();
        assertThat(role.roleName()).isEqualTo("AWSServiceRoleForAutoScaling");
        assertThat(role.path()).isEqualTo("/aws-service-role/autoscaling.amazonaws.com/");
        assertThat(role.arn()).isEqualTo("arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        assertThat(iam.createServiceLinkedRole(request -> request.awsServiceName("autoscaling.amazonaws.com").customSuffix("sdk")).role().roleName())
                .isEqualTo("AWSServiceRoleForAutoScaling_sdk");
        assertAwsError(() -> iam.createServiceLinkedRole(request -> request.awsServiceName("autoscaling.amazonaws.com")),
                400, "InvalidInput", "Service role name AWSServiceRoleForAutoScaling has been taken in this account, please try a different suffix.");
        assertAwsError(() -> iam.createServiceLinkedRole(request -> request.awsServiceName("unknown.example.com")), 400, "InvalidInput", null);
        assertAwsError(() -> iam.createServiceLinkedRole(request -> request.awsServiceName("elasticmapreduce.amazonaws.com").customSuffix("x")), 400, "InvalidInput", null);
        assertAwsError(() -> iam.deleteRole(request -> request.roleName("AWSServiceRoleForAutoScaling")),
                400, "UnmodifiableEntity", "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS");
        assertAwsError(() -> iam.updateAssumeRolePolicy(request -> request.roleName("AWSServiceRoleForAutoScaling").policyDocument(EC2_TRUST)),
                400, "UnmodifiableEntity", null);
        assertAwsError(() -> iam.putRolePermissionsBoundary(request -> request.roleName("AWSServiceRoleForAutoScaling").permissionsBoundary("arn:aws:iam::aws:policy/ReadOnlyAccess")),
                400, "UnmodifiableEntity", null);

        String taskId = iam.deleteServiceLinkedRole(request -> request.roleName("AWSServiceRoleForAutoScaling")).deletionTaskId();
        assertThat(taskId).startsWith("task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling/");
        GetServiceLinkedRoleDeletionStatusResponse status = iam.getServiceLinkedRoleDeletionStatus(request -> request.deletionTaskId(taskId));
        assertThat(status.status()).isEqualTo(DeletionTaskStatusType.SUCCEEDED);
        assertAwsError(() -> iam.getServiceLinkedRoleDeletionStatus(request -> request.deletionTaskId("task/aws-service-role/autoscaling.amazonaws.com/X/00000000-0000-0000-0000-000000000000")),
                404, "NoSuchEntity", null);
        assertAwsError(() -> iam.getServiceLinkedRoleDeletionStatus(request -> request.deletionTaskId("garbage")), 400, "InvalidInput", null);
        iam.createRole(request -> request.roleName("not-linked").assumeRolePolicyDocument(EC2_TRUST));
        assertAwsError(() -> iam.deleteServiceLinkedRole(request -> request.roleName("not-linked")), 400, "InvalidInput", null);
        assertAwsError(() -> iam.deleteServiceLinkedRole(request -> request.roleName("ghost")), 404, "NoSuchEntity", null);
    }

    @Test
    void instanceProfileLifecycleAndErrors()
    {
        InstanceProfile created = iam.createInstanceProfile(request -> request.instanceProfileName("sdk-profile").path("/sdk/")
                .tags(Tag.builder().key("Team").value("blue").build())).instanceProfile();
        assertThat(created.instanceProfileId()).matches("AIPA[A-Z2-7]{17}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/sdk/sdk-profile");
        assertThat(created.roles()).isEmpty();
        assertAwsError(() -> iam.createInstanceProfile(request -> request.instanceProfileName("SDK-PROFILE")),
                409, "EntityAlreadyExists", "Instance Profile with name SDK-PROFILE already exists.");

        iam.createRole(request -> request.roleName("profile-role").assumeRolePolicyDocument(EC2_TRUST));
        iam.createRole(request -> request.roleName("other-role").assumeRolePolicyDocument(EC2_TRUST));
        iam.addRoleToInstanceProfile(request -> request.instanceProfileName("sdk-profile").roleName("profile-role"));
        assertAwsError(() -> iam.addRoleToInstanceProfile(request -> request.instanceProfileName("sdk-profile").roleName("other-role")),
                409, "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        assertAwsError(() -> iam.addRoleToInstanceProfile(request -> request.instanceProfileName("sdk-profile").roleName("ghost")),
                404, "NoSuchEntity", "The role with name ghost cannot be found.");
        assertAwsError(() -> iam.addRoleToInstanceProfile(request -> request.instanceProfileName("ghost").roleName("profile-role")),
                404, "NoSuchEntity", "Instance Profile ghost cannot be found.");
        assertAwsError(() -> iam.removeRoleFromInstanceProfile(request -> request.instanceProfileName("sdk-profile").roleName("other-role")),
                404, "NoSuchEntity", null);

        InstanceProfile fetched = iam.getInstanceProfile(request -> request.instanceProfileName("sdk-profile")).instanceProfile();
        assertThat(fetched.roles()).extracting(Role::roleName).containsExactly("profile-role");
        assertThat(decode(fetched.roles().getFirst().assumeRolePolicyDocument())).isEqualTo(EC2_TRUST);
        assertThat(iam.listInstanceProfiles(request -> request.pathPrefix("/sdk/")).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly("sdk-profile");
        assertThat(iam.listInstanceProfilesForRole(request -> request.roleName("profile-role")).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly("sdk-profile");
        assertAwsError(() -> iam.listInstanceProfilesForRole(request -> request.roleName("ghost")), 404, "NoSuchEntity", null);

        iam.tagInstanceProfile(request -> request.instanceProfileName("sdk-profile").tags(Tag.builder().key("Env").value("dev").build()));
        iam.untagInstanceProfile(request -> request.instanceProfileName("sdk-profile").tagKeys("Team"));
        assertThat(iam.listInstanceProfileTags(request -> request.instanceProfileName("sdk-profile")).tags()).extracting(Tag::key).containsExactly("Env");
        assertAwsError(() -> iam.tagInstanceProfile(request -> request.instanceProfileName("sdk-profile").tags(Tag.builder().key("x").value("1").build(), Tag.builder().key("X").value("1").build())),
                400, "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        assertAwsError(() -> iam.listInstanceProfileTags(request -> request.instanceProfileName("ghost")), 404, "NoSuchEntity", null);

        assertAwsError(() -> iam.deleteInstanceProfile(request -> request.instanceProfileName("sdk-profile")), 409, "DeleteConflict", null);
        iam.removeRoleFromInstanceProfile(request -> request.instanceProfileName("sdk-profile").roleName("profile-role"));
        iam.deleteInstanceProfile(request -> request.instanceProfileName("sdk-profile"));
        assertAwsError(() -> iam.getInstanceProfile(request -> request.instanceProfileName("sdk-profile")), 404, "NoSuchEntity", "Instance Profile sdk-profile cannot be found.");
        assertAwsError(() -> iam.deleteInstanceProfile(request -> request.instanceProfileName("sdk-profile")), 404, "NoSuchEntity", null);
    }
}
