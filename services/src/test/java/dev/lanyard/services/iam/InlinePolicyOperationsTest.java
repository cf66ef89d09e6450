package dev.lanyard.services.iam;

import dev.lanyard.protocol.PolicyDocuments;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.DeleteGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;

import java.util.List;
import java.util.Optional;

import static dev.lanyard.services.iam.ManagedPolicyOperationsTest.assertError;
import static dev.lanyard.services.iam.ManagedPolicyOperationsTest.documentWithResourceOfLength;
import static dev.lanyard.services.iam.ManagedPolicyOperationsTest.nonWhitespace;
import static dev.lanyard.services.iam.PolicyTestSupport.ACCOUNT;
import static dev.lanyard.services.iam.PolicyTestSupport.OTHER_ACCOUNT;
import static dev.lanyard.services.iam.PolicyTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

class InlinePolicyOperationsTest
{
    static final String DOCUMENT = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:*\"], \"Resource\": [\"*\"]}]\n}";

    private PolicyTestSupport support;
    private InlinePolicyOperations operations;

    @BeforeEach
    void setUp()
    {
        support = new PolicyTestSupport();
        operations = new InlinePolicyOperations(support.iam);
    }

    @AfterEach
    void tearDown()
    {
        support.close();
    }

    @Test
    void registersEveryOperationOfTheFamily()
    {
        OperationRegistry registry = new OperationRegistry();
        operations.register(registry);
        assertThat(registry.requestClasses()).hasSize(12);
    }

    @Test
    void rolePolicies()
    {
        String roleId = support.principal(EntityKinds.ROLE, "s3access");
        operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("s3access").policyName("S3-Permissions").policyDocument(DOCUMENT).build());
        GetRolePolicyResponse fetched = operations.getRolePolicy(call(), GetRolePolicyRequest.builder().roleName("s3access").policyName("S3-Permissions").build());
        assertThat(fetched.roleName()).isEqualTo("s3access");
        assertThat(fetched.policyName()).isEqualTo("S3-Permissions");
        assertThat(PolicyDocuments.decode(fetched.policyDocument())).isEqualTo(DOCUMENT);

        // Stored under the convention other families rely on.
        Optional<Entity> stored = support.store.read(transaction -> transaction.entityByName(ACCOUNT, "inline-policy", "role:" + roleId + ":S3-Permissions"));
        assertThat(stored).isPresent();
        boolean hasAny = support.store.read(transaction -> InlinePolicies.hasAny(transaction, ACCOUNT, EntityKinds.ROLE, roleId));
        assertThat(hasAny).isTrue();

        // Replacing a name overwrites it.
        String replacement = DOCUMENT.replace("s3:*", "s3:GetObject");
        operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("s3access").policyName("S3-Permissions").policyDocument(replacement).build());
        assertThat(PolicyDocuments.decode(operations.getRolePolicy(call(), GetRolePolicyRequest.builder().roleName("s3access").policyName("S3-Permissions").build()).policyDocument()))
                .isEqualTo(replacement);
        operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("s3access").policyName("Another").policyDocument(DOCUMENT).build());
        assertThat(operations.listRolePolicies(call(), ListRolePoliciesRequest.builder().roleName("s3access").build()).policyNames()).containsExactly("Another", "S3-Permissions");

        operations.deleteRolePolicy(call(), DeleteRolePolicyRequest.builder().roleName("s3access").policyName("S3-Permissions").build());
        assertError(() -> operations.getRolePolicy(call(), GetRolePolicyRequest.builder().roleName("s3access").policyName("S3-Permissions").build()),
                NoSuchEntityException.class, "The role policy with name S3-Permissions cannot be found.");
        assertError(() -> operations.deleteRolePolicy(call(), DeleteRolePolicyRequest.builder().roleName("s3access").policyName("S3-Permissions").build()),
                NoSuchEntityException.class, "The role policy with name S3-Permissions cannot be found.");
    }

    @Test
    void policiesOfOneOwnerOnly()
    {
        String first = support.principal(EntityKinds.ROLE, "first");
        support.principal(EntityKinds.ROLE, "second");
        support.principal(EntityKinds.USER, "first");
        operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("first").policyName("a").policyDocument(DOCUMENT).build());
        operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("second").policyName("b").policyDocument(DOCUMENT).build());
        operations.putUserPolicy(call(), PutUserPolicyRequest.builder().userName("first").policyName("c").policyDocument(DOCUMENT).build());
        assertThat(operations.listRolePolicies(call(), ListRolePoliciesRequest.builder().roleName("first").build()).policyNames()).containsExactly("a");
        assertThat(operations.listRolePolicies(call(), ListRolePoliciesRequest.builder().roleName("second").build()).policyNames()).containsExactly("b");
        assertThat(operations.listUserPolicies(call(), ListUserPoliciesRequest.builder().userName("first").build()).policyNames()).containsExactly("c");
        List<InlinePolicies.InlinePolicy> forEngine = support.store.read(transaction -> InlinePolicies.forOwner(transaction, ACCOUNT, EntityKinds.ROLE, first));
        assertThat(forEngine).extracting(InlinePolicies.InlinePolicy::policyName).containsExactly("a");
        assertThat(forEngine.getFirst().document()).isEqualTo(DOCUMENT);
        assertError(() -> operations.getRolePolicy(call(), GetRolePolicyRequest.builder().roleName("second").policyName("a").build()),
                NoSuchEntityException.class, "The role policy with name a cannot be found.");
    }

    @Test
    void listPagesThroughManyPolicies()
    {
        support.principal(EntityKinds.ROLE, "many");
        for (int index = 0; index < 120; index++) {
            operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("many").policyName("p" + (1000 + index))
                    .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}").build());
        }
        ListRolePoliciesResponse first = operations.listRolePolicies(call(), ListRolePoliciesRequest.builder().roleName("many").maxItems(100).build());
        assertThat(first.policyNames()).hasSize(100);
        assertThat(first.isTruncated()).isTrue();
        ListRolePoliciesResponse second = operations.listRolePolicies(call(), ListRolePoliciesRequest.builder().roleName("many").marker(first.marker()).build());
        assertThat(second.policyNames()).hasSize(20).doesNotContainAnyElementsOf(first.policyNames());
        assertThat(second.isTruncated()).isFalse();
    }

    @Test
    void userAndGroupPolicies()
    {
        support.principal(EntityKinds.USER, "alice");
        support.principal(EntityKinds.GROUP, "admins");
        operations.putUserPolicy(call(), PutUserPolicyRequest.builder().userName("alice").policyName("mine").policyDocument(DOCUMENT).build());
        operations.putGroupPolicy(call(), PutGroupPolicyRequest.builder().groupName("admins").policyName("ours").policyDocument(DOCUMENT).build());
        GetUserPolicyResponse user = operations.getUserPolicy(call(), GetUserPolicyRequest.builder().userName("alice").policyName("mine").build());
        assertThat(user.userName()).isEqualTo("alice");
        assertThat(PolicyDocuments.decode(user.policyDocument())).isEqualTo(DOCUMENT);
        GetGroupPolicyResponse group = operations.getGroupPolicy(call(), GetGroupPolicyRequest.builder().groupName("admins").policyName("ours").build());
        assertThat(group.groupName()).isEqualTo("admins");
        assertThat(operations.listGroupPolicies(call(), ListGroupPoliciesRequest.builder().groupName("admins").build()).policyNames()).containsExactly("ours");
        operations.deleteUserPolicy(call(), DeleteUserPolicyRequest.builder().userName("alice").policyName("mine").build());
        operations.deleteGroupPolicy(call(), DeleteGroupPolicyRequest.builder().groupName("admins").policyName("ours").build());
        assertError(() -> operations.getUserPolicy(call(), GetUserPolicyRequest.builder().userName("alice").policyName("mine").build()),
                NoSuchEntityException.class, "The user policy with name mine cannot be found.");
        assertError(() -> operations.deleteGroupPolicy(call(), DeleteGroupPolicyRequest.builder().groupName("admins").policyName("ours").build()),
                NoSuchEntityException.class, "The group policy with name ours cannot be found.");
    }

    @Test
    void missingOwners()
    {
        assertError(() -> operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("ghost").policyName("p").policyDocument(DOCUMENT).build()),
                NoSuchEntityException.class, "The role with name ghost cannot be found.");
        assertError(() -> operations.getUserPolicy(call(), GetUserPolicyRequest.builder().userName("ghost").policyName("p").build()),
                NoSuchEntityException.class, "The user with name ghost cannot be found.");
        assertError(() -> operations.listGroupPolicies(call(), ListGroupPoliciesRequest.builder().groupName("ghost").build()),
                NoSuchEntityException.class, "The group with name ghost cannot be found.");
        support.principal(EntityKinds.ROLE, "mine");
        assertError(() -> operations.listRolePolicies(call(OTHER_ACCOUNT, "ListRolePolicies"), ListRolePoliciesRequest.builder().roleName("mine").build()),
                NoSuchEntityException.class, "The role with name mine cannot be found.");
    }

    @Test
    void malformedDocuments()
    {
        support.principal(EntityKinds.ROLE, "app");
        assertError(() -> operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("app").policyName("p").policyDocument("{\"Version\":").build()),
                MalformedPolicyDocumentException.class, "Syntax errors in policy.");
    }

    @Test
    void aggregateSizeQuotas()
    {
        int overhead = nonWhitespace(documentWithResourceOfLength(0));
        support.principal(EntityKinds.USER, "alice");
        String exactUser = documentWithResourceOfLength(2_048 - overhead);
        operations.putUserPolicy(call(), PutUserPolicyRequest.builder().userName("alice").policyName("full").policyDocument(exactUser.replace(",", ",\n    ")).build());
        // Replacing the only policy with one of the same size fits; a second policy does not.
        operations.putUserPolicy(call(), PutUserPolicyRequest.builder().userName("alice").policyName("full").policyDocument(exactUser).build());
        assertError(() -> operations.putUserPolicy(call(), PutUserPolicyRequest.builder().userName("alice").policyName("more").policyDocument(documentWithResourceOfLength(0)).build()),
                LimitExceededException.class, "Maximum policy size of 2048 bytes exceeded for user alice");

        support.principal(EntityKinds.ROLE, "app");
        String half = documentWithResourceOfLength(5_120 - overhead);
        operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("app").policyName("one").policyDocument(half).build());
        operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("app").policyName("two").policyDocument(half).build());
        assertError(() -> operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("app").policyName("three").policyDocument(documentWithResourceOfLength(0)).build()),
                LimitExceededException.class, "Maximum policy size of 10240 bytes exceeded for role app");

        support.principal(EntityKinds.GROUP, "admins");
        assertError(() -> operations.putGroupPolicy(call(), PutGroupPolicyRequest.builder().groupName("admins").policyName("big").policyDocument(documentWithResourceOfLength(5_121 - overhead)).build()),
                LimitExceededException.class, "Maximum policy size of 5120 bytes exceeded for group admins");
        operations.putGroupPolicy(call(), PutGroupPolicyRequest.builder().groupName("admins").policyName("big").policyDocument(half).build());
    }

    @Test
    void serviceLinkedRolesAreUnmodifiable()
    {
        support.principal(EntityKinds.ROLE, "AWSServiceRoleForAutoScaling", "/aws-service-role/autoscaling.amazonaws.com/");
        assertError(() -> operations.putRolePolicy(call(), PutRolePolicyRequest.builder().roleName("AWSServiceRoleForAutoScaling").policyName("p").policyDocument(DOCUMENT).build()),
                UnmodifiableEntityException.class, "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS");
    }
}
