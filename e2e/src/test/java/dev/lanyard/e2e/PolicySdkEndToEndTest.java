package dev.lanyard.e2e;

import dev.lanyard.services.auth.AuthMode;
import dev.lanyard.services.iam.IamIds;
import dev.lanyard.store.Entity;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.paginators.ListPoliciesIterable;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static dev.lanyard.e2e.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** Managed and inline policies through the AWS SDK for Java v2, with the wire's codes, statuses and messages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicySdkEndToEndTest
{
    private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::example_bucket\"}}";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());

    /** Roles, users and groups are stored as their families store them; their operations are another branch's. */
    private String insertPrincipal(String kind, String prefix, String name)
    {
        String id = IamIds.newId(prefix);
        server.store().write(transaction -> {
            transaction.insertEntity(Entity.create(TestServer.ACCOUNT_ID, kind, id, name, "/", "{}", Instant.now()));
            return null;
        });
        return id;
    }

    @Test
    void customerManagedPolicyLifecycle()
    {
        Policy created = iam.createPolicy(request -> request.policyName("SdkPolicy").path("/sdk/").description("from the SDK").policyDocument(DOCUMENT)
                .tags(Tag.builder().key("team").value("iam").build())).policy();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:policy/sdk/SdkPolicy");
        assertThat(created.policyId()).startsWith("ANPA");
        assertThat(created.defaultVersionId()).isEqualTo("v1");
        assertThat(created.tags()).containsExactly(Tag.builder().key("team").value("iam").build());

        Policy fetched = iam.getPolicy(request -> request.policyArn(created.arn())).policy();
        assertThat(fetched.description()).isEqualTo("from the SDK");
        assertThat(fetched.attachmentCount()).isZero();
        assertThat(fetched.createDate()).isEqualTo(created.createDate());

        GetPolicyVersionResponse v1 = iam.getPolicyVersion(request -> request.policyArn(created.arn()).versionId("v1"));
        // IAM sends the document URL-encoded; the SDK hands it over as sent.
        assertThat(URLDecoder.decode(v1.policyVersion().document(), StandardCharsets.UTF_8)).isEqualTo(DOCUMENT);

        PolicyVersion v2 = iam.createPolicyVersion(request -> request.policyArn(created.arn()).policyDocument(DOCUMENT.replace("example_bucket", "other")).setAsDefault(true)).policyVersion();
        assertThat(v2.versionId()).isEqualTo("v2");
        assertThat(v2.isDefaultVersion()).isTrue();
        assertThat(iam.listPolicyVersions(request -> request.policyArn(created.arn())).versions()).extracting(PolicyVersion::versionId).containsExactly("v2", "v1");
        assertAwsError(() -> iam.deletePolicyVersion(request -> request.policyArn(created.arn()).versionId("v2")), 409, "DeleteConflict",
                "Cannot delete the default version of a policy.");
        iam.setDefaultPolicyVersion(request -> request.policyArn(created.arn()).versionId("v1"));
        assertAwsError(() -> iam.deletePolicy(request -> request.policyArn(created.arn())), 409, "DeleteConflict",
                "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
        iam.deletePolicyVersion(request -> request.policyArn(created.arn()).versionId("v2"));

        iam.tagPolicy(request -> request.policyArn(created.arn()).tags(Tag.builder().key("env").value("test").build()));
        assertThat(iam.listPolicyTags(request -> request.policyArn(created.arn())).tags()).extracting(Tag::key).containsExactly("team", "env");
        iam.untagPolicy(request -> request.policyArn(created.arn()).tagKeys("team"));
        assertThat(iam.listPolicyTags(request -> request.policyArn(created.arn())).tags()).extracting(Tag::key).containsExactly("env");

        assertThat(iam.listPolicies(request -> request.scope(PolicyScopeType.LOCAL)).policies()).extracting(Policy::policyName).contains("SdkPolicy");
        iam.deletePolicy(request -> request.policyArn(created.arn()));
        assertAwsError(() -> iam.getPolicy(request -> request.policyArn(created.arn())), 404, "NoSuchEntity",
                "Policy arn:aws:iam::123456789012:policy/sdk/SdkPolicy was not found.");
    }

    @Test
    void policyErrorsOnTheWire()
    {
        iam.createPolicy(request -> request.policyName("Twice").policyDocument(DOCUMENT));
        assertAwsError(() -> iam.createPolicy(request -> request.policyName("twice").policyDocument(DOCUMENT)), 409, "EntityAlreadyExists",
                "A policy called twice already exists. Duplicate names are not allowed.");
        assertAwsError(() -> iam.createPolicy(request -> request.policyName("Bad").policyDocument("{nope")), 400, "MalformedPolicyDocument",
                "Syntax errors in policy.");
        assertAwsError(() -> iam.createPolicy(request -> request.policyName("Huge").policyDocument(DOCUMENT.replace("example_bucket", "b".repeat(6_200)))),
                409, "LimitExceeded", "Cannot exceed quota for PolicySize: 6144");
        assertAwsError(() -> iam.getPolicy(request -> request.policyArn("arn:aws:iam::123456789012:role/NotAPolicy")), 400, "InvalidInput",
                "ARN arn:aws:iam::123456789012:role/NotAPolicy is not valid.");
        String arn = "arn:aws:iam::123456789012:policy/Twice";
        for (int index = 0; index < 4; index++) {
            iam.createPolicyVersion(request -> request.policyArn(arn).policyDocument(DOCUMENT));
        }
        assertAwsError(() -> iam.createPolicyVersion(request -> request.policyArn(arn).policyDocument(DOCUMENT)), 409, "LimitExceeded",
                "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
        assertAwsError(() -> iam.getPolicyVersion(request -> request.policyArn(arn).versionId("v9")), 404, "NoSuchEntity",
                "Policy arn:aws:iam::123456789012:policy/Twice version v9 does not exist or is not attachable.");
        assertAwsError(() -> iam.tagPolicy(request -> request.policyArn(arn).tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("A").value("2").build())),
                400, "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        assertAwsError(() -> iam.deletePolicy(request -> request.policyArn(ADMIN)), 403, "AccessDenied",
                "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:DeletePolicy on resource: policy " + ADMIN);
    }

    @Test
    void awsManagedPoliciesAreListedAndPaged()
    {
        ListPoliciesResponse aws = iam.listPolicies(request -> request.scope(PolicyScopeType.AWS));
        assertThat(aws.policies()).extracting(Policy::arn).contains(ADMIN,
                "arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole",
                "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy");
        ListPoliciesIterable pages = iam.listPoliciesPaginator(request -> request.scope(PolicyScopeType.AWS).maxItems(4));
        List<String> walked = pages.policies().stream().map(Policy::policyName).toList();
        assertThat(walked).containsExactlyElementsOf(aws.policies().stream().map(Policy::policyName).toList());

        PolicyVersion version = iam.getPolicyVersion(request -> request.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").versionId("v87")).policyVersion();
        assertThat(URLDecoder.decode(version.document(), StandardCharsets.UTF_8)).contains("\"iam:Get*\"", "\"ec2:Describe*\"");
    }

    @Test
    void attachmentsAndInlinePolicies()
    {
        String roleId = insertPrincipal("role", IamIds.ROLE, "sdk-role");
        insertPrincipal("user", IamIds.USER, "sdk-user");
        insertPrincipal("group", IamIds.GROUP, "sdk-group");
        String ssm = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
        iam.attachRolePolicy(request -> request.roleName("sdk-role").policyArn(ssm));
        iam.attachRolePolicy(request -> request.roleName("sdk-role").policyArn(ssm));
        iam.attachUserPolicy(request -> request.userName("sdk-user").policyArn(ssm));
        iam.attachGroupPolicy(request -> request.groupName("sdk-group").policyArn(ssm));
        assertThat(iam.getPolicy(request -> request.policyArn(ssm)).policy().attachmentCount()).isEqualTo(3);
        assertThat(iam.listAttachedRolePolicies(request -> request.roleName("sdk-role")).attachedPolicies())
                .containsExactly(AttachedPolicy.builder().policyName("AmazonSSMManagedInstanceCore").policyArn(ssm).build());
        assertThat(iam.listAttachedUserPolicies(request -> request.userName("sdk-user")).attachedPolicies()).hasSize(1);
        assertThat(iam.listAttachedGroupPolicies(request -> request.groupName("sdk-group")).attachedPolicies()).hasSize(1);
        ListEntitiesForPolicyResponse entities = iam.listEntitiesForPolicy(request -> request.policyArn(ssm));
        assertThat(entities.policyRoles()).singleElement().satisfies(role -> assertThat(role.roleId()).isEqualTo(roleId));
        assertThat(entities.policyUsers()).hasSize(1);
        assertThat(entities.policyGroups()).hasSize(1);
        assertThat(iam.listPolicies(request -> request.onlyAttached(true)).policies()).extracting(Policy::arn).contains(ssm);

        iam.detachRolePolicy(request -> request.roleName("sdk-role").policyArn(ssm));
        iam.detachUserPolicy(request -> request.userName("sdk-user").policyArn(ssm));
        iam.detachGroupPolicy(request -> request.groupName("sdk-group").policyArn(ssm));
        assertAwsError(() -> iam.detachRolePolicy(request -> request.roleName("sdk-role").policyArn(ssm)), 404, "NoSuchEntity",
                "Policy " + ssm + " was not found.");
        assertAwsError(() -> iam.attachRolePolicy(request -> request.roleName("nobody").policyArn(ssm)), 404, "NoSuchEntity",
                "The role with name nobody cannot be found.");
        assertAwsError(() -> iam.attachUserPolicy(request -> request.userName("sdk-user").policyArn("arn:aws:iam::aws:policy/NoSuchPolicy")), 404, "NoSuchEntity",
                "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.");

        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\"],\"Resource\":[\"*\"]}]}";
        iam.putRolePolicy(request -> request.roleName("sdk-role").policyName("inline").policyDocument(document));
        GetRolePolicyResponse inline = iam.getRolePolicy(request -> request.roleName("sdk-role").policyName("inline"));
        assertThat(URLDecoder.decode(inline.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(document);
        assertThat(iam.listRolePolicies(request -> request.roleName("sdk-role")).policyNames()).containsExactly("inline");
        iam.putUserPolicy(request -> request.userName("sdk-user").policyName("inline").policyDocument(document));
        assertThat(iam.listUserPolicies(request -> request.userName("sdk-user")).policyNames()).containsExactly("inline");
        iam.putGroupPolicy(request -> request.groupName("sdk-group").policyName("inline").policyDocument(document));
        assertThat(iam.getGroupPolicy(request -> request.groupName("sdk-group").policyName("inline")).policyName()).isEqualTo("inline");
        iam.deleteRolePolicy(request -> request.roleName("sdk-role").policyName("inline"));
        iam.deleteUserPolicy(request -> request.userName("sdk-user").policyName("inline"));
        iam.deleteGroupPolicy(request -> request.groupName("sdk-group").policyName("inline"));
        assertAwsError(() -> iam.getRolePolicy(request -> request.roleName("sdk-role").policyName("inline")), 404, "NoSuchEntity",
                "The role policy with name inline cannot be found.");
        assertAwsError(() -> iam.putUserPolicy(request -> request.userName("sdk-user").policyName("big").policyDocument(document.replace("s3:*", "s3:" + "x".repeat(2_100)))),
                409, "LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user sdk-user");
        assertAwsError(() -> iam.putGroupPolicy(request -> request.groupName("sdk-group").policyName("bad").policyDocument("not json")), 400, "MalformedPolicyDocument",
                "Syntax errors in policy.");
        assertAwsError(() -> iam.listGroupPolicies(request -> request.groupName("nobody")), 404, "NoSuchEntity",
                "The group with name nobody cannot be found.");
    }

    @Test
    void serviceLinkedRoleIsUnmodifiable()
    {
        server.store().write(transaction -> {
            transaction.insertEntity(Entity.create(TestServer.ACCOUNT_ID, "role", IamIds.newId(IamIds.ROLE), "AWSServiceRoleForAutoScaling",
                    "/aws-service-role/autoscaling.amazonaws.com/", "{}", Instant.now()));
            return null;
        });
        assertAwsError(() -> iam.attachRolePolicy(request -> request.roleName("AWSServiceRoleForAutoScaling").policyArn(ADMIN)), 400, "UnmodifiableEntity",
                "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS");
    }
}
