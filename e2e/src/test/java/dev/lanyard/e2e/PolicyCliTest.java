package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.auth.AuthMode;
import dev.lanyard.services.iam.IamIds;
import dev.lanyard.store.Entity;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds 003 and 004 with the real AWS CLI: attach-role-policy (a managed permission policy) and put-role-policy (an
 * inline one). The roles are put into the store directly: CreateRole belongs to another family.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyCliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Seed 003: the managed policy PolicyForRole that the role gets. */
    private static final String SEED_003_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Action": "s3:ListBucket",
                "Resource": "arn:aws:s3:::example_bucket"
              }
            }
            """;

    /** Seed 004: ec2-role-access-policy.json. */
    private static final String SEED_004_ACCESS_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": ["s3:*"],
                  "Resource": ["*"]
                }
              ]
            }
            """;

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final AwsCli cli = AwsCli.asRoot(server);

    private void insertRole(String name)
    {
        server.store().write(transaction -> {
            transaction.insertEntity(Entity.create(TestServer.ACCOUNT_ID, "role", IamIds.newId(IamIds.ROLE), name, "/", "{}", Instant.now()));
            return null;
        });
    }

    @Test
    void seed003AttachRolePolicy()
            throws IOException
    {
        insertRole("Test-UserAccess-Role");
        Files.writeString(cli.workingDirectory().resolve("policyforrole.json"), SEED_003_POLICY);

        // The seed's command names the policy with a role ARN (arn:aws:iam::123456789012:role/PolicyForRole): IAM refuses it.
        Processes.Result seedAsWritten = cli.run("iam", "attach-role-policy", "--role-name", "Test-UserAccess-Role", "--policy-arn", "arn:aws:iam::123456789012:role/PolicyForRole");
        assertThat(seedAsWritten.exitCode()).as(seedAsWritten.toString()).isNotZero();
        assertThat(seedAsWritten.stderr()).contains("(InvalidInput) when calling the AttachRolePolicy operation: ARN arn:aws:iam::123456789012:role/PolicyForRole is not valid.");

        // The policy the seed assumes to exist, then the attachment it meant.
        Processes.Result created = cli.run("iam", "create-policy", "--policy-name", "PolicyForRole", "--policy-document", "file://policyforrole.json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode policy = JSON.readTree(created.stdout()).get("Policy");
        assertThat(policy.get("Arn").asText()).isEqualTo("arn:aws:iam::123456789012:policy/PolicyForRole");
        assertThat(fieldNames(policy)).containsExactlyInAnyOrder("PolicyName", "PolicyId", "Arn", "Path", "DefaultVersionId", "AttachmentCount",
                "PermissionsBoundaryUsageCount", "IsAttachable", "CreateDate", "UpdateDate");

        Processes.Result attached = cli.run("iam", "attach-role-policy", "--role-name", "Test-UserAccess-Role", "--policy-arn", "arn:aws:iam::123456789012:policy/PolicyForRole");
        assertThat(attached.exitCode()).as(attached.toString()).isZero();
        // As in the seed: attach-role-policy prints nothing.
        assertThat(attached.stdout()).isEmpty();

        Processes.Result listed = cli.run("iam", "list-attached-role-policies", "--role-name", "Test-UserAccess-Role");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        JsonNode attachedPolicies = JSON.readTree(listed.stdout());
        assertThat(attachedPolicies.get("AttachedPolicies")).hasSize(1);
        assertThat(attachedPolicies.get("AttachedPolicies").get(0).get("PolicyName").asText()).isEqualTo("PolicyForRole");
        assertThat(attachedPolicies.get("AttachedPolicies").get(0).get("PolicyArn").asText()).isEqualTo("arn:aws:iam::123456789012:policy/PolicyForRole");
        // The CLI pages through the listing itself and shows only the policies, as against AWS.
        assertThat(fieldNames(attachedPolicies)).containsExactly("AttachedPolicies");

        Processes.Result missingRole = cli.run("iam", "attach-role-policy", "--role-name", "No-Such-Role", "--policy-arn", "arn:aws:iam::123456789012:policy/PolicyForRole");
        assertThat(missingRole.exitCode()).isNotZero();
        assertThat(missingRole.stderr()).contains("(NoSuchEntity) when calling the AttachRolePolicy operation: The role with name No-Such-Role cannot be found.");
    }

    @Test
    void seed004PutRolePolicy()
            throws IOException
    {
        insertRole("s3access");
        Files.writeString(cli.workingDirectory().resolve("ec2-role-access-policy.json"), SEED_004_ACCESS_POLICY);

        Processes.Result put = cli.run("iam", "put-role-policy", "--role-name", "s3access", "--policy-name", "S3-Permissions", "--policy-document", "file://ec2-role-access-policy.json");
        assertThat(put.exitCode()).as(put.toString()).isZero();
        // As in the seed: put-role-policy prints nothing.
        assertThat(put.stdout()).isEmpty();

        Processes.Result fetched = cli.run("iam", "get-role-policy", "--role-name", "s3access", "--policy-name", "S3-Permissions");
        assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
        JsonNode body = JSON.readTree(fetched.stdout());
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("RoleName", "PolicyName", "PolicyDocument");
        assertThat(body.get("RoleName").asText()).isEqualTo("s3access");
        assertThat(body.get("PolicyName").asText()).isEqualTo("S3-Permissions");
        // The CLI decodes the URL-encoded document and parses it: the seed's policy comes back as written.
        assertThat(body.get("PolicyDocument")).isEqualTo(JSON.readTree(SEED_004_ACCESS_POLICY));

        Processes.Result listed = cli.run("iam", "list-role-policies", "--role-name", "s3access");
        assertThat(JSON.readTree(listed.stdout()).get("PolicyNames").get(0).asText()).isEqualTo("S3-Permissions");

        Files.writeString(cli.workingDirectory().resolve("broken.json"), "{\"Version\": ");
        Processes.Result malformed = cli.run("iam", "put-role-policy", "--role-name", "s3access", "--policy-name", "Broken", "--policy-document", "file://broken.json");
        assertThat(malformed.exitCode()).isNotZero();
        assertThat(malformed.stderr()).contains("(MalformedPolicyDocument) when calling the PutRolePolicy operation: Syntax errors in policy.");
    }

    private static List<String> fieldNames(JsonNode node)
    {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
