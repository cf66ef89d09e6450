package dev.lanyard.services.iam;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.PolicyDocuments;
import dev.lanyard.services.OperationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.iam.model.AttachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeletePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DetachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagPolicyRequest;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;
import software.amazon.awssdk.services.iam.model.UntagPolicyRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.lanyard.services.iam.PolicyTestSupport.ACCOUNT;
import static dev.lanyard.services.iam.PolicyTestSupport.OTHER_ACCOUNT;
import static dev.lanyard.services.iam.PolicyTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedPolicyOperationsTest
{
    static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::example_bucket\"}}";
    static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    static final String EMR_ROLE = "arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole";

    private PolicyTestSupport support;
    private ManagedPolicyOperations operations;

    @BeforeEach
    void setUp()
    {
        support = new PolicyTestSupport();
        operations = new ManagedPolicyOperations(support.iam);
    }

    @AfterEach
    void tearDown()
    {
        support.close();
    }

    private Policy create(String name, String path)
    {
        return operations.createPolicy(call(), CreatePolicyRequest.builder().policyName(name).path(path).policyDocument(DOCUMENT).build()).policy();
    }

    private static String arn(String path, String name)
    {
        return "arn:aws:iam::" + ACCOUNT + ":policy" + path + name;
    }

    static void assertError(ThrowingCallable call, Class<? extends Throwable> type, String message)
    {
        assertThatThrownBy(call).isInstanceOf(type).hasMessage(message);
    }

    @Test
    void registersEveryOperationOfTheFamily()
    {
        OperationRegistry registry = new OperationRegistry();
        operations.register(registry);
        assertThat(registry.requestClasses()).hasSize(22);
    }

    @Test
    void createAndGetPolicy()
    {
        Policy created = operations.createPolicy(call(), CreatePolicyRequest.builder()
                .policyName("PolicyForRole")
                .path("/team/")
                .description("lists one bucket")
                .policyDocument(DOCUMENT)
                .tags(Tag.builder().key("owner").value("ops").build())
                .build()).policy();
        assertThat(created.policyId()).matches("ANPA[A-Z2-7]{17}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:policy/team/PolicyForRole");
        assertThat(created.path()).isEqualTo("/team/");
        assertThat(created.defaultVersionId()).isEqualTo("v1");
        assertThat(created.attachmentCount()).isZero();
        assertThat(created.permissionsBoundaryUsageCount()).isZero();
        assertThat(created.isAttachable()).isTrue();
        assertThat(created.createDate()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(created.updateDate()).isEqualTo(created.createDate());
        assertThat(created.description()).isNull();
        assertThat(created.tags()).containsExactly(Tag.builder().key("owner").value("ops").build());

        Policy fetched = operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(created.arn()).build()).policy();
        assertThat(fetched.description()).isEqualTo("lists one bucket");
        assertThat(fetched.policyId()).isEqualTo(created.policyId());
        assertThat(fetched.tags()).hasSize(1);
    }

    @Test
    void policyNamesAreUniqueIgnoringCase()
    {
        create("Reader", "/");
        assertError(() -> create("READER", "/other/"), EntityAlreadyExistsException.class,
                "A policy called READER already exists. Duplicate names are not allowed.");
    }

    @Test
    void unknownPolicyArnsAreNotFound()
    {
        assertError(() -> operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(arn("/", "Missing")).build()),
                NoSuchEntityException.class, "Policy arn:aws:iam::123456789012:policy/Missing was not found.");
        // The right name under another path is another policy.
        create("Reader", "/a/");
        assertError(() -> operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(arn("/", "Reader")).build()),
                NoSuchEntityException.class, "Policy arn:aws:iam::123456789012:policy/Reader was not found.");
        assertError(() -> operations.getPolicy(call(), GetPolicyRequest.builder().policyArn("arn:aws:iam::aws:policy/NoSuchAwsPolicy").build()),
                NoSuchEntityException.class, "Policy arn:aws:iam::aws:policy/NoSuchAwsPolicy was not found.");
    }

    @Test
    void malformedArnsAreInvalidInput()
    {
        assertError(() -> operations.getPolicy(call(), GetPolicyRequest.builder().policyArn("not-an-arn-at-all-really").build()),
                InvalidInputException.class, "ARN not-an-arn-at-all-really is not valid.");
        assertError(() -> operations.getPolicy(call(), GetPolicyRequest.builder().policyArn("arn:aws:iam::123456789012:role/Reader").build()),
                InvalidInputException.class, "ARN arn:aws:iam::123456789012:role/Reader is not valid.");
    }

    @Test
    void policiesOfAnotherAccountAreInvisible()
    {
        Policy policy = create("Reader", "/");
        assertError(() -> operations.getPolicy(call(OTHER_ACCOUNT, "GetPolicy"), GetPolicyRequest.builder().policyArn(policy.arn()).build()),
                NoSuchEntityException.class, "Policy " + policy.arn() + " was not found.");
        assertThat(operations.listPolicies(call(OTHER_ACCOUNT, "ListPolicies"), ListPoliciesRequest.builder().scope(PolicyScopeType.LOCAL).build()).policies()).isEmpty();
    }

    @Test
    void documentsAreValidated()
    {
        assertError(() -> operations.createPolicy(call(), CreatePolicyRequest.builder().policyName("Bad").policyDocument("{not json").build()),
                MalformedPolicyDocumentException.class, "Syntax errors in policy.");
        Policy policy = create("Reader", "/");
        assertError(() -> operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder().policyArn(policy.arn()).policyDocument("[]").build()),
                MalformedPolicyDocumentException.class, "Syntax errors in policy.");
    }

    @Test
    void managedPolicySizeExcludesWhiteSpace()
    {
        String padded = documentWithResourceOfLength(6_144 - nonWhitespace(documentWithResourceOfLength(0)));
        assertThat(ManagedPolicySizes.nonWhitespaceLength(padded)).isEqualTo(6_144);
        String spaced = padded.replace(",", " ,\n   ");
        operations.createPolicy(call(), CreatePolicyRequest.builder().policyName("Exact").policyDocument(spaced).build());
        String tooLarge = documentWithResourceOfLength(6_145 - nonWhitespace(documentWithResourceOfLength(0)));
        assertError(() -> operations.createPolicy(call(), CreatePolicyRequest.builder().policyName("Large").policyDocument(tooLarge).build()),
                LimitExceededException.class, "Cannot exceed quota for PolicySize: 6144");
    }

    static String documentWithResourceOfLength(int length)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + "a".repeat(length) + "\"}}";
    }

    static int nonWhitespace(String text)
    {
        return ManagedPolicySizes.nonWhitespaceLength(text);
    }

    @Test
    void listPoliciesByScope()
    {
        create("Local", "/");
        ListPoliciesResponse local = operations.listPolicies(call(), ListPoliciesRequest.builder().scope(PolicyScopeType.LOCAL).build());
        assertThat(local.policies()).extracting(Policy::policyName).containsExactly("Local");
        assertThat(local.isTruncated()).isFalse();

        ListPoliciesResponse aws = operations.listPolicies(call(), ListPoliciesRequest.builder().scope(PolicyScopeType.AWS).build());
        assertThat(aws.policies()).extracting(Policy::policyName)
                .contains("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess", "AmazonS3FullAccess",
                        "AmazonS3ReadOnlyAccess", "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess", "AmazonSSMManagedInstanceCore", "AmazonEC2RoleforSSM",
                        "AmazonElasticMapReduceRole", "AmazonElasticMapReduceforEC2Role", "AmazonElasticMapReduceforAutoScalingRole", "AutoScalingServiceRolePolicy")
                .doesNotContain("Local");
        assertThat(aws.policies()).allSatisfy(policy -> {
            assertThat(policy.arn()).isEqualTo("arn:aws:iam::aws:policy" + policy.path() + policy.policyName());
            assertThat(policy.description()).isNull();
        });

        ListPoliciesResponse all = operations.listPolicies(call(), ListPoliciesRequest.builder().build());
        assertThat(all.policies()).hasSize(aws.policies().size() + 1);
        assertThat(all.policies().getLast().policyName()).isEqualTo("Local");
    }

    @Test
    void listPoliciesByPathPrefix()
    {
        create("Local", "/service-role/");
        ListPoliciesResponse serviceRole = operations.listPolicies(call(), ListPoliciesRequest.builder().pathPrefix("/service-role/").build());
        assertThat(serviceRole.policies()).extracting(Policy::policyName)
                .containsExactlyInAnyOrder("AmazonEC2RoleforSSM", "AmazonElasticMapReduceRole", "AmazonElasticMapReduceforEC2Role",
                        "AmazonElasticMapReduceforAutoScalingRole", "Local");
        assertThat(operations.listPolicies(call(), ListPoliciesRequest.builder().pathPrefix("/aws-service-role/").build()).policies())
                .extracting(Policy::policyName).containsExactly("AutoScalingServiceRolePolicy");
    }

    @Test
    void listPoliciesPagesAcrossAwsAndLocal()
    {
        for (int index = 0; index < 7; index++) {
            create("Local" + index, "/");
        }
        List<String> walked = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ListPoliciesResponse page = operations.listPolicies(call(), ListPoliciesRequest.builder().maxItems(4).marker(marker).build());
            assertThat(page.policies()).hasSizeLessThanOrEqualTo(4);
            page.policies().forEach(policy -> walked.add(policy.policyName()));
            marker = page.isTruncated() ? page.marker() : null;
            pages++;
        }
        while (marker != null);
        int expected = AwsManagedPolicies.all().size() + 7;
        assertThat(walked).hasSize(expected).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((expected + 3) / 4);
        assertError(() -> operations.listPolicies(call(), ListPoliciesRequest.builder().marker("!!!").build()), InvalidInputException.class, "Invalid Marker.");
    }

    @Test
    void listOnlyAttachedPoliciesByUsage()
    {
        String roleId = support.principal(EntityKinds.ROLE, "app");
        Policy attached = create("Attached", "/");
        Policy boundary = create("Boundary", "/");
        create("Unused", "/");
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(attached.arn()).build());
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(ADMIN).build());
        support.store.write(transaction -> transaction.insertLink(new dev.lanyard.store.Link(ACCOUNT, ManagedPolicyLinks.BOUNDARY_OF_ROLE, boundary.policyId(), roleId)));

        assertThat(operations.listPolicies(call(), ListPoliciesRequest.builder().onlyAttached(true).build()).policies())
                .extracting(Policy::policyName).containsExactly("AdministratorAccess", "Attached", "Boundary");
        assertThat(operations.listPolicies(call(), ListPoliciesRequest.builder().onlyAttached(true).policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY).build()).policies())
                .extracting(Policy::policyName).containsExactly("AdministratorAccess", "Attached");
        assertThat(operations.listPolicies(call(), ListPoliciesRequest.builder().onlyAttached(true).scope(PolicyScopeType.LOCAL).policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY).build()).policies())
                .extracting(Policy::policyName).containsExactly("Boundary");
        Policy boundaryNow = operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(boundary.arn()).build()).policy();
        assertThat(boundaryNow.permissionsBoundaryUsageCount()).isEqualTo(1);
        assertThat(boundaryNow.attachmentCount()).isZero();
        // AWS managed policies count per account.
        assertThat(operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(ADMIN).build()).policy().attachmentCount()).isEqualTo(1);
        assertThat(operations.getPolicy(call(OTHER_ACCOUNT, "GetPolicy"), GetPolicyRequest.builder().policyArn(ADMIN).build()).policy().attachmentCount()).isZero();
        assertThatThrownBy(() -> operations.deletePolicy(call(), DeletePolicyRequest.builder().policyArn(boundary.arn()).build()))
                .isInstanceOf(DeleteConflictException.class).hasMessage("Cannot delete a policy attached to entities.");
    }

    @Test
    void awsManagedPolicyDetails()
    {
        Policy admin = operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(ADMIN).build()).policy();
        assertThat(admin.policyId()).isEqualTo("ANPAIWMBCKSKIEE64ZLYK");
        assertThat(admin.path()).isEqualTo("/");
        assertThat(admin.defaultVersionId()).isEqualTo("v1");
        assertThat(admin.description()).isEqualTo("Provides full access to AWS services and resources.");
        assertThat(admin.createDate()).isEqualTo(Instant.parse("2015-02-06T18:39:46Z"));
        PolicyVersion version = operations.getPolicyVersion(call(), GetPolicyVersionRequest.builder().policyArn(ADMIN).versionId("v1").build()).policyVersion();
        assertThat(PolicyDocuments.decode(version.document())).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        assertThat(version.isDefaultVersion()).isTrue();
        assertError(() -> operations.getPolicyVersion(call(), GetPolicyVersionRequest.builder().policyArn(ADMIN).versionId("v2").build()),
                NoSuchEntityException.class, "Policy " + ADMIN + " version v2 does not exist or is not attachable.");
        assertThat(operations.listPolicyVersions(call(), ListPolicyVersionsRequest.builder().policyArn(ADMIN).build()).versions())
                .extracting(PolicyVersion::versionId).containsExactly("v1");
        assertThat(operations.listPolicyTags(call(), ListPolicyTagsRequest.builder().policyArn(ADMIN).build()).tags()).isEmpty();

        Policy emr = operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(EMR_ROLE).build()).policy();
        assertThat(emr.path()).isEqualTo("/service-role/");
        assertThat(AwsManagedPolicies.byArn(EMR_ROLE).orElseThrow().document()).contains("ec2:RunInstances", "iam:PassRole");
        assertThat(AwsManagedPolicies.byArn("arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy")).isPresent();
        for (AwsManagedPolicies.AwsManagedPolicy policy : AwsManagedPolicies.all()) {
            dev.lanyard.policy.PolicyValidation.validate(policy.document(), dev.lanyard.policy.PolicyUse.IDENTITY);
            assertThat(policy.id()).matches("ANPA[A-Z0-9]{17}");
        }
    }

    @Test
    void awsManagedPoliciesCannotBeChanged()
    {
        String denied = "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:%s on resource: policy " + ADMIN;
        assertThatThrownBy(() -> operations.deletePolicy(call(), DeletePolicyRequest.builder().policyArn(ADMIN).build()))
                .isInstanceOfSatisfying(AwsErrorException.class, error -> {
                    assertThat(error.code()).isEqualTo("AccessDenied");
                    assertThat(error.httpStatus()).isEqualTo(403);
                    assertThat(error.getMessage()).isEqualTo(denied.formatted("DeletePolicy"));
                });
        assertThatThrownBy(() -> operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder().policyArn(ADMIN).policyDocument(DOCUMENT).build()))
                .isInstanceOf(AwsErrorException.class).hasMessage(denied.formatted("CreatePolicyVersion"));
        assertThatThrownBy(() -> operations.deletePolicyVersion(call(), DeletePolicyVersionRequest.builder().policyArn(ADMIN).versionId("v1").build()))
                .isInstanceOf(AwsErrorException.class).hasMessage(denied.formatted("DeletePolicyVersion"));
        assertThatThrownBy(() -> operations.setDefaultPolicyVersion(call(), SetDefaultPolicyVersionRequest.builder().policyArn(ADMIN).versionId("v1").build()))
                .isInstanceOf(AwsErrorException.class).hasMessage(denied.formatted("SetDefaultPolicyVersion"));
        assertThatThrownBy(() -> operations.tagPolicy(call(), TagPolicyRequest.builder().policyArn(ADMIN).tags(Tag.builder().key("a").value("b").build()).build()))
                .isInstanceOf(AwsErrorException.class).hasMessage(denied.formatted("TagPolicy"));
        assertThatThrownBy(() -> operations.untagPolicy(call(), UntagPolicyRequest.builder().policyArn(ADMIN).tagKeys("a").build()))
                .isInstanceOf(AwsErrorException.class).hasMessage(denied.formatted("UntagPolicy"));
    }

    @Test
    void versionsUpToFiveThenLimitExceeded()
    {
        Policy policy = create("Versioned", "/");
        for (int index = 2; index <= 5; index++) {
            PolicyVersion version = operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder()
                    .policyArn(policy.arn()).policyDocument(DOCUMENT.replace("example_bucket", "bucket" + index)).setAsDefault(index == 3).build()).policyVersion();
            assertThat(version.versionId()).isEqualTo("v" + index);
            assertThat(version.isDefaultVersion()).isEqualTo(index == 3);
            assertThat(version.document()).isNull();
        }
        assertError(() -> operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder().policyArn(policy.arn()).policyDocument(DOCUMENT).build()),
                LimitExceededException.class, "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");

        assertThat(operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(policy.arn()).build()).policy().defaultVersionId()).isEqualTo("v3");
        List<PolicyVersion> versions = operations.listPolicyVersions(call(), ListPolicyVersionsRequest.builder().policyArn(policy.arn()).build()).versions();
        assertThat(versions).extracting(PolicyVersion::versionId).containsExactly("v5", "v4", "v3", "v2", "v1");
        assertThat(versions).extracting(PolicyVersion::isDefaultVersion).containsExactly(false, false, true, false, false);
        assertThat(versions).allSatisfy(version -> assertThat(version.document()).isNull());

        PolicyVersion v4 = operations.getPolicyVersion(call(), GetPolicyVersionRequest.builder().policyArn(policy.arn()).versionId("v4").build()).policyVersion();
        assertThat(PolicyDocuments.decode(v4.document())).isEqualTo(DOCUMENT.replace("example_bucket", "bucket4"));
        assertThat(v4.document()).doesNotContain("{");

        assertError(() -> operations.deletePolicyVersion(call(), DeletePolicyVersionRequest.builder().policyArn(policy.arn()).versionId("v3").build()),
                DeleteConflictException.class, "Cannot delete the default version of a policy.");
        operations.deletePolicyVersion(call(), DeletePolicyVersionRequest.builder().policyArn(policy.arn()).versionId("v5").build());
        assertError(() -> operations.deletePolicyVersion(call(), DeletePolicyVersionRequest.builder().policyArn(policy.arn()).versionId("v5").build()),
                NoSuchEntityException.class, "Policy " + policy.arn() + " version v5 does not exist or is not attachable.");
        // Version ids are never reused.
        assertThat(operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder().policyArn(policy.arn()).policyDocument(DOCUMENT).build())
                .policyVersion().versionId()).isEqualTo("v6");

        operations.setDefaultPolicyVersion(call(), SetDefaultPolicyVersionRequest.builder().policyArn(policy.arn()).versionId("v6").build());
        assertThat(operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(policy.arn()).build()).policy().defaultVersionId()).isEqualTo("v6");
        assertError(() -> operations.setDefaultPolicyVersion(call(), SetDefaultPolicyVersionRequest.builder().policyArn(policy.arn()).versionId("v9").build()),
                NoSuchEntityException.class, "Policy " + policy.arn() + " version v9 does not exist or is not attachable.");
        assertError(() -> operations.getPolicyVersion(call(), GetPolicyVersionRequest.builder().policyArn(policy.arn()).versionId("v5").build()),
                NoSuchEntityException.class, "Policy " + policy.arn() + " version v5 does not exist or is not attachable.");
    }

    @Test
    void listPolicyVersionsPages()
    {
        Policy policy = create("Versioned", "/");
        operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder().policyArn(policy.arn()).policyDocument(DOCUMENT).build());
        operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder().policyArn(policy.arn()).policyDocument(DOCUMENT).build());
        var first = operations.listPolicyVersions(call(), ListPolicyVersionsRequest.builder().policyArn(policy.arn()).maxItems(2).build());
        assertThat(first.versions()).extracting(PolicyVersion::versionId).containsExactly("v3", "v2");
        assertThat(first.isTruncated()).isTrue();
        var second = operations.listPolicyVersions(call(), ListPolicyVersionsRequest.builder().policyArn(policy.arn()).maxItems(2).marker(first.marker()).build());
        assertThat(second.versions()).extracting(PolicyVersion::versionId).containsExactly("v1");
        assertThat(second.isTruncated()).isFalse();
    }

    @Test
    void deletePolicyNeedsItsOtherVersionsDeletedAndNoAttachments()
    {
        support.principal(EntityKinds.USER, "alice");
        Policy policy = create("Doomed", "/");
        operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder().policyArn(policy.arn()).policyDocument(DOCUMENT).build());
        assertError(() -> operations.deletePolicy(call(), DeletePolicyRequest.builder().policyArn(policy.arn()).build()), DeleteConflictException.class,
                "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
        operations.deletePolicyVersion(call(), DeletePolicyVersionRequest.builder().policyArn(policy.arn()).versionId("v2").build());
        operations.attachUserPolicy(call(), AttachUserPolicyRequest.builder().userName("alice").policyArn(policy.arn()).build());
        assertError(() -> operations.deletePolicy(call(), DeletePolicyRequest.builder().policyArn(policy.arn()).build()), DeleteConflictException.class,
                "Cannot delete a policy attached to entities.");
        operations.detachUserPolicy(call(), DetachUserPolicyRequest.builder().userName("alice").policyArn(policy.arn()).build());
        operations.deletePolicy(call(), DeletePolicyRequest.builder().policyArn(policy.arn()).build());
        assertError(() -> operations.deletePolicy(call(), DeletePolicyRequest.builder().policyArn(policy.arn()).build()), NoSuchEntityException.class,
                "Policy " + policy.arn() + " was not found.");
        // The name is free again.
        create("Doomed", "/");
    }

    @Test
    void tags()
    {
        Policy policy = create("Tagged", "/");
        operations.tagPolicy(call(), TagPolicyRequest.builder().policyArn(policy.arn()).tags(
                Tag.builder().key("Team").value("a").build(), Tag.builder().key("Env").value("prod").build()).build());
        operations.tagPolicy(call(), TagPolicyRequest.builder().policyArn(policy.arn()).tags(Tag.builder().key("team").value("b").build()).build());
        assertThat(operations.listPolicyTags(call(), ListPolicyTagsRequest.builder().policyArn(policy.arn()).build()).tags())
                .containsExactly(Tag.builder().key("Env").value("prod").build(), Tag.builder().key("team").value("b").build());
        assertError(() -> operations.tagPolicy(call(), TagPolicyRequest.builder().policyArn(policy.arn()).tags(
                        Tag.builder().key("x").value("1").build(), Tag.builder().key("X").value("2").build()).build()),
                InvalidInputException.class, "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        operations.untagPolicy(call(), UntagPolicyRequest.builder().policyArn(policy.arn()).tagKeys("TEAM", "absent").build());
        var page = operations.listPolicyTags(call(), ListPolicyTagsRequest.builder().policyArn(policy.arn()).maxItems(1).build());
        assertThat(page.tags()).containsExactly(Tag.builder().key("Env").value("prod").build());
        assertThat(page.isTruncated()).isFalse();

        List<Tag> fifty = new ArrayList<>();
        for (int index = 0; index < 50; index++) {
            fifty.add(Tag.builder().key("k" + index).value("v").build());
        }
        assertError(() -> operations.tagPolicy(call(), TagPolicyRequest.builder().policyArn(policy.arn()).tags(fifty).build()),
                LimitExceededException.class, "Cannot exceed quota for TagsPerPolicy: 50");
        assertError(() -> operations.tagPolicy(call(), TagPolicyRequest.builder().policyArn(arn("/", "Nope")).tags(Tag.builder().key("a").value("b").build()).build()),
                NoSuchEntityException.class, "Policy arn:aws:iam::123456789012:policy/Nope was not found.");
    }

    @Test
    void attachAndDetachForEveryPrincipalKind()
    {
        support.principal(EntityKinds.ROLE, "app");
        support.principal(EntityKinds.USER, "alice");
        support.principal(EntityKinds.GROUP, "admins");
        Policy policy = create("Shared", "/");

        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(policy.arn()).build());
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("APP").policyArn(policy.arn()).build());
        operations.attachUserPolicy(call(), AttachUserPolicyRequest.builder().userName("alice").policyArn(policy.arn()).build());
        operations.attachGroupPolicy(call(), AttachGroupPolicyRequest.builder().groupName("admins").policyArn(policy.arn()).build());
        operations.attachGroupPolicy(call(), AttachGroupPolicyRequest.builder().groupName("admins").policyArn(ADMIN).build());
        assertThat(operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(policy.arn()).build()).policy().attachmentCount()).isEqualTo(3);

        AttachedPolicy shared = AttachedPolicy.builder().policyName("Shared").policyArn(policy.arn()).build();
        assertThat(operations.listAttachedRolePolicies(call(), ListAttachedRolePoliciesRequest.builder().roleName("app").build()).attachedPolicies()).containsExactly(shared);
        assertThat(operations.listAttachedUserPolicies(call(), ListAttachedUserPoliciesRequest.builder().userName("alice").build()).attachedPolicies()).containsExactly(shared);
        assertThat(operations.listAttachedGroupPolicies(call(), ListAttachedGroupPoliciesRequest.builder().groupName("admins").build()).attachedPolicies())
                .containsExactly(AttachedPolicy.builder().policyName("AdministratorAccess").policyArn(ADMIN).build(), shared);

        operations.detachRolePolicy(call(), DetachRolePolicyRequest.builder().roleName("app").policyArn(policy.arn()).build());
        operations.detachUserPolicy(call(), DetachUserPolicyRequest.builder().userName("alice").policyArn(policy.arn()).build());
        operations.detachGroupPolicy(call(), DetachGroupPolicyRequest.builder().groupName("admins").policyArn(policy.arn()).build());
        assertThat(operations.getPolicy(call(), GetPolicyRequest.builder().policyArn(policy.arn()).build()).policy().attachmentCount()).isZero();
        assertError(() -> operations.detachRolePolicy(call(), DetachRolePolicyRequest.builder().roleName("app").policyArn(policy.arn()).build()),
                NoSuchEntityException.class, "Policy " + policy.arn() + " was not found.");
    }

    @Test
    void attachErrors()
    {
        support.principal(EntityKinds.ROLE, "app");
        assertError(() -> operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("ghost").policyArn(ADMIN).build()),
                NoSuchEntityException.class, "The role with name ghost cannot be found.");
        assertError(() -> operations.attachUserPolicy(call(), AttachUserPolicyRequest.builder().userName("ghost").policyArn(ADMIN).build()),
                NoSuchEntityException.class, "The user with name ghost cannot be found.");
        assertError(() -> operations.attachGroupPolicy(call(), AttachGroupPolicyRequest.builder().groupName("ghost").policyArn(ADMIN).build()),
                NoSuchEntityException.class, "The group with name ghost cannot be found.");
        assertError(() -> operations.listAttachedRolePolicies(call(), ListAttachedRolePoliciesRequest.builder().roleName("ghost").build()),
                NoSuchEntityException.class, "The role with name ghost cannot be found.");
        assertError(() -> operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn("arn:aws:iam::123456789012:role/PolicyForRole").build()),
                InvalidInputException.class, "ARN arn:aws:iam::123456789012:role/PolicyForRole is not valid.");
        assertError(() -> operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(arn("/", "Missing")).build()),
                NoSuchEntityException.class, "Policy arn:aws:iam::123456789012:policy/Missing does not exist or is not attachable.");
    }

    @Test
    void attachedPoliciesQuota()
    {
        support.principal(EntityKinds.ROLE, "app");
        for (int index = 0; index < ManagedPolicyOperations.MAX_ATTACHED_POLICIES; index++) {
            Policy policy = create("P" + index, "/");
            operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(policy.arn()).build());
        }
        // Attaching one already attached is still a no-op at the quota.
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(arn("/", "P0")).build());
        assertError(() -> operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(ADMIN).build()),
                LimitExceededException.class, "Cannot exceed quota for PoliciesPerRole: 10");

        ListAttachedRolePoliciesResponse first = operations.listAttachedRolePolicies(call(), ListAttachedRolePoliciesRequest.builder().roleName("app").maxItems(6).build());
        assertThat(first.attachedPolicies()).hasSize(6);
        assertThat(first.isTruncated()).isTrue();
        ListAttachedRolePoliciesResponse second = operations.listAttachedRolePolicies(call(), ListAttachedRolePoliciesRequest.builder().roleName("app").maxItems(6).marker(first.marker()).build());
        assertThat(second.attachedPolicies()).hasSize(4);
        assertThat(second.isTruncated()).isFalse();
    }

    @Test
    void listAttachedByPathPrefix()
    {
        support.principal(EntityKinds.ROLE, "emr");
        Policy local = create("Mine", "/service-role/");
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("emr").policyArn(EMR_ROLE).build());
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("emr").policyArn(ADMIN).build());
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("emr").policyArn(local.arn()).build());
        assertThat(operations.listAttachedRolePolicies(call(), ListAttachedRolePoliciesRequest.builder().roleName("emr").pathPrefix("/service-role/").build()).attachedPolicies())
                .extracting(AttachedPolicy::policyName).containsExactly("AmazonElasticMapReduceRole", "Mine");
    }

    @Test
    void serviceLinkedRolesAreUnmodifiable()
    {
        support.principal(EntityKinds.ROLE, "AWSServiceRoleForAutoScaling", "/aws-service-role/autoscaling.amazonaws.com/");
        assertError(() -> operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("AWSServiceRoleForAutoScaling").policyArn(ADMIN).build()),
                UnmodifiableEntityException.class, "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS");
    }

    @Test
    void listEntitiesForPolicy()
    {
        String roleId = support.principal(EntityKinds.ROLE, "app", "/apps/");
        String otherRoleId = support.principal(EntityKinds.ROLE, "batch");
        String userId = support.principal(EntityKinds.USER, "alice");
        String groupId = support.principal(EntityKinds.GROUP, "admins");
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(ADMIN).build());
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("batch").policyArn(ADMIN).build());
        operations.attachUserPolicy(call(), AttachUserPolicyRequest.builder().userName("alice").policyArn(ADMIN).build());
        operations.attachGroupPolicy(call(), AttachGroupPolicyRequest.builder().groupName("admins").policyArn(ADMIN).build());

        ListEntitiesForPolicyResponse all = operations.listEntitiesForPolicy(call(), ListEntitiesForPolicyRequest.builder().policyArn(ADMIN).build());
        assertThat(all.policyRoles()).containsExactly(PolicyRole.builder().roleName("app").roleId(roleId).build(), PolicyRole.builder().roleName("batch").roleId(otherRoleId).build());
        assertThat(all.policyUsers()).containsExactly(PolicyUser.builder().userName("alice").userId(userId).build());
        assertThat(all.policyGroups()).containsExactly(PolicyGroup.builder().groupName("admins").groupId(groupId).build());
        assertThat(all.isTruncated()).isFalse();

        ListEntitiesForPolicyResponse roles = operations.listEntitiesForPolicy(call(), ListEntitiesForPolicyRequest.builder().policyArn(ADMIN).entityFilter(EntityType.ROLE).pathPrefix("/apps/").build());
        assertThat(roles.policyRoles()).extracting(PolicyRole::roleName).containsExactly("app");
        assertThat(roles.policyUsers()).isEmpty();
        assertThat(roles.policyGroups()).isEmpty();

        ListEntitiesForPolicyResponse boundaries = operations.listEntitiesForPolicy(call(), ListEntitiesForPolicyRequest.builder().policyArn(ADMIN).policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY).build());
        assertThat(boundaries.policyRoles()).isEmpty();

        ListEntitiesForPolicyResponse page = operations.listEntitiesForPolicy(call(), ListEntitiesForPolicyRequest.builder().policyArn(ADMIN).maxItems(2).build());
        assertThat(page.policyGroups()).hasSize(1);
        assertThat(page.policyUsers()).hasSize(1);
        assertThat(page.isTruncated()).isTrue();
        ListEntitiesForPolicyResponse rest = operations.listEntitiesForPolicy(call(), ListEntitiesForPolicyRequest.builder().policyArn(ADMIN).maxItems(2).marker(page.marker()).build());
        assertThat(rest.policyRoles()).hasSize(2);
        assertThat(rest.isTruncated()).isFalse();

        assertError(() -> operations.listEntitiesForPolicy(call(), ListEntitiesForPolicyRequest.builder().policyArn(arn("/", "Missing")).build()),
                NoSuchEntityException.class, "Policy arn:aws:iam::123456789012:policy/Missing was not found.");
    }

    @Test
    void documentsForThePolicyEngine()
    {
        String roleId = support.principal(EntityKinds.ROLE, "app");
        Policy policy = create("Mine", "/");
        operations.createPolicyVersion(call(), CreatePolicyVersionRequest.builder().policyArn(policy.arn()).policyDocument(DOCUMENT.replace("example_bucket", "v2")).setAsDefault(true).build());
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(policy.arn()).build());
        operations.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("app").policyArn(ADMIN).build());
        List<ManagedPolicyDocuments.ManagedPolicyDocument> attached = support.store.read(transaction -> ManagedPolicyDocuments.attached(transaction, ACCOUNT, EntityKinds.ROLE, roleId));
        assertThat(attached).extracting(ManagedPolicyDocuments.ManagedPolicyDocument::arn).containsExactly(ADMIN, policy.arn());
        assertThat(attached.get(1).document()).contains("arn:aws:s3:::v2");
        Optional<ManagedPolicyDocuments.ManagedPolicyDocument> mine = support.store.read(transaction -> ManagedPolicyDocuments.byArn(transaction, ACCOUNT, policy.arn()));
        assertThat(mine).isPresent();
        Optional<ManagedPolicyDocuments.ManagedPolicyDocument> other = support.store.read(transaction -> ManagedPolicyDocuments.byArn(transaction, OTHER_ACCOUNT, policy.arn()));
        assertThat(other).isEmpty();
        Optional<String> linkId = support.store.read(transaction -> ManagedPolicyDocuments.linkId(transaction, ACCOUNT, ADMIN));
        assertThat(linkId).contains(ADMIN);
    }
}
