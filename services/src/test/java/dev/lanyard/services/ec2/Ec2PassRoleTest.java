package dev.lanyard.services.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.protocol.AwsErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationRequest;
import software.amazon.awssdk.services.iam.model.User;

import static dev.lanyard.services.ec2.Ec2IamInstanceProfileAssociationTest.byName;
import static dev.lanyard.services.ec2.Ec2TestSupport.ACCOUNT;
import static dev.lanyard.services.ec2.Ec2TestSupport.error;
import static dev.lanyard.services.ec2.Ec2TestSupport.root;
import static dev.lanyard.services.ec2.Ec2TestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;

/** iam:PassRole wherever EC2 is handed a role: the operations ask the real policy decision on a real store. */
class Ec2PassRoleTest
{
    private static final String PREFIX = "You are not authorized to perform this operation. Encoded authorization failure message: ";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/ec2/web";

    private final Ec2TestSupport support = new Ec2TestSupport();

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void runInstancesNeedsPassRoleOnTheProfilesRole()
            throws Exception
    {
        support.profileWithRole(ACCOUNT, "web");
        User alice = support.userWithPolicy("alice", policy("""
                {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"""));
        AwsErrorException denied = error(() -> support.run(user(alice), byName("web")), "UnauthorizedOperation", 403);
        assertThat(denied.getMessage()).startsWith(PREFIX);
        JsonNode decoded = new ObjectMapper().readTree(support.sealer.open(denied.getMessage().substring(PREFIX.length())).orElseThrow());
        assertThat(decoded.path("allowed").asBoolean(true)).isFalse();
        assertThat(decoded.path("context").path("action").asText()).isEqualTo("iam:PassRole");
        assertThat(decoded.path("context").path("resource").asText()).isEqualTo(ROLE_ARN);
        assertThat(decoded.path("context").path("conditions").toString()).containsIgnoringCase("iam:PassedToService").containsIgnoringCase("iam:AssociatedResourceArn").contains("ec2.amazonaws.com",
                "arn:aws:ec2:us-east-1:123456789012:instance/i-");
        // Nothing was launched.
        assertThat(support.instances.describeInstances(root(), DescribeInstancesRequest.builder().build()).reservations()).isEmpty();

        // A launch without a profile passes nothing, so needs no iam:PassRole.
        assertThat(support.run(user(alice)).instanceId()).startsWith("i-");
        // Nor does a profile without a role.
        support.profileWithoutRole(ACCOUNT, "empty");
        assertThat(support.run(user(alice), byName("empty")).iamInstanceProfile().arn()).endsWith(":instance-profile/empty");
    }

    @Test
    void passRoleAllowedForEc2OnThatRoleOnly()
    {
        support.profileWithRole(ACCOUNT, "web");
        support.profileWithRole(ACCOUNT, "admin");
        User bob = support.userWithPolicy("bob", policy("""
                {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "%s", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}""".formatted(ROLE_ARN)));
        Instance launched = support.run(user(bob), byName("web"));
        assertThat(launched.iamInstanceProfile().arn()).endsWith(":instance-profile/web");
        error(() -> support.run(user(bob), byName("admin")), "UnauthorizedOperation", 403);

        User carol = support.userWithPolicy("carol", policy("""
                {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "%s", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}""".formatted(ROLE_ARN)));
        error(() -> support.run(user(carol), byName("web")), "UnauthorizedOperation", 403);
    }

    @Test
    void associateAndReplaceNeedPassRoleToo()
    {
        support.profileWithRole(ACCOUNT, "web");
        support.profileWithRole(ACCOUNT, "admin");
        String instanceId = support.run(root()).instanceId();
        User dave = support.userWithPolicy("dave", policy("""
                {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "%s"}""".formatted(ROLE_ARN)));
        error(() -> support.associations.associateIamInstanceProfile(user(dave), associate(instanceId, "admin")), "UnauthorizedOperation", 403);
        IamInstanceProfileAssociation association = support.associations.associateIamInstanceProfile(user(dave), associate(instanceId, "web")).iamInstanceProfileAssociation();
        error(() -> support.associations.replaceIamInstanceProfileAssociation(user(dave), ReplaceIamInstanceProfileAssociationRequest.builder()
                .associationId(association.associationId()).iamInstanceProfile(byName("admin")).build()), "UnauthorizedOperation", 403);
        // The root passes any role of its account.
        IamInstanceProfileAssociation replaced = support.associations.replaceIamInstanceProfileAssociation(root(), ReplaceIamInstanceProfileAssociationRequest.builder()
                .associationId(association.associationId()).iamInstanceProfile(byName("admin")).build()).iamInstanceProfileAssociation();
        assertThat(replaced.iamInstanceProfile().arn()).endsWith(":instance-profile/admin");
    }

    private static AssociateIamInstanceProfileRequest associate(String instanceId, String profileName)
    {
        return AssociateIamInstanceProfileRequest.builder().instanceId(instanceId).iamInstanceProfile(byName(profileName)).build();
    }

    private static String policy(String statement)
    {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}";
    }
}
