package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociationState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Launching EC2 instances with a role through the unmodified AWS SDK v2 and AWS CLI: iam:PassRole decides, a denial is
 * EC2's UnauthorizedOperation whose message STS decodes, and the profile can be replaced and detached afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ec2InstanceProfileEndToEndTest
{
    private static final String IMAGE = "ami-0abcdef1234567890";
    private static final String TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";
    private static final String PREFIX = "You are not authorized to perform this operation. Encoded authorization failure message: ";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());
    @AutoClose
    private final StsClient sts = server.rootClient(StsClient.builder());
    @AutoClose
    private final AwsCli cli = AwsCli.asRoot(server);

    @Test
    void launchReplaceDetachAndTerminateWithPassRole()
            throws Exception
    {
        InstanceProfile web = profileWithRole("sdk-web");
        InstanceProfile worker = profileWithRole("sdk-worker");
        iam.createUser(request -> request.userName("ec2-operator"));
        iam.putUserPolicy(request -> request.userName("ec2-operator").policyName("ec2").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}"""));
        AccessKey key = iam.createAccessKey(request -> request.userName("ec2-operator")).accessKey();

        try (Ec2Client ec2 = server.client(Ec2Client.builder(), key.accessKeyId(), key.secretAccessKey())) {
            AwsServiceException denied = catchThrowableOfType(AwsServiceException.class, () -> ec2.runInstances(request -> request
                    .imageId(IMAGE).minCount(1).maxCount(1).iamInstanceProfile(profile -> profile.name("sdk-web"))));
            assertThat(denied).isNotNull();
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(denied.awsErrorDetails().errorMessage()).startsWith(PREFIX);
            String encoded = denied.awsErrorDetails().errorMessage().substring(PREFIX.length());
            JsonNode decoded = new ObjectMapper().readTree(sts.decodeAuthorizationMessage(request -> request.encodedMessage(encoded)).decodedMessage());
            assertThat(decoded.path("allowed").asBoolean(true)).isFalse();
            assertThat(decoded.path("context").path("action").asText()).isEqualTo("iam:PassRole");
            assertThat(decoded.path("context").path("resource").asText()).isEqualTo("arn:aws:iam::123456789012:role/sdk-web");
            assertThat(decoded.path("context").path("principal").path("arn").asText()).isEqualTo("arn:aws:iam::123456789012:user/ec2-operator");
            // Nothing was launched (the test classes' other method may have launched its own instances).
            assertThat(ec2.describeInstances(request -> request.filters(filter -> filter.name("iam-instance-profile.arn").values(web.arn()))).reservations()).isEmpty();

            iam.putUserPolicy(request -> request.userName("ec2-operator").policyName("pass").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/sdk-*",
                      "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}]}"""));
            Instance launched = ec2.runInstances(request -> request.imageId(IMAGE).minCount(1).maxCount(1).iamInstanceProfile(profile -> profile.name("sdk-web")))
                    .instances().getFirst();
            assertThat(launched.state().name()).isEqualTo(InstanceStateName.PENDING);
            String instanceId = launched.instanceId();

            Instance described = describe(ec2, instanceId);
            assertThat(described.state().name()).isEqualTo(InstanceStateName.RUNNING);
            assertThat(described.iamInstanceProfile().arn()).isEqualTo(web.arn());
            assertThat(described.iamInstanceProfile().id()).isEqualTo(web.instanceProfileId());

            IamInstanceProfileAssociation association = ec2.describeIamInstanceProfileAssociations(request -> request
                    .filters(filter -> filter.name("instance-id").values(instanceId))).iamInstanceProfileAssociations().getFirst();
            assertThat(association.state()).isEqualTo(IamInstanceProfileAssociationState.ASSOCIATED);
            IamInstanceProfileAssociation replaced = ec2.replaceIamInstanceProfileAssociation(request -> request
                    .associationId(association.associationId()).iamInstanceProfile(profile -> profile.arn(worker.arn()))).iamInstanceProfileAssociation();
            assertThat(replaced.associationId()).isNotEqualTo(association.associationId());
            assertThat(describe(ec2, instanceId).iamInstanceProfile().id()).isEqualTo(worker.instanceProfileId());

            IamInstanceProfileAssociation detached = ec2.disassociateIamInstanceProfile(request -> request.associationId(replaced.associationId()))
                    .iamInstanceProfileAssociation();
            assertThat(detached.state()).isEqualTo(IamInstanceProfileAssociationState.DISASSOCIATING);
            assertThat(describe(ec2, instanceId).iamInstanceProfile()).isNull();
            assertThat(ec2.describeIamInstanceProfileAssociations(request -> request.filters(filter -> filter.name("instance-id").values(instanceId)))
                    .iamInstanceProfileAssociations()).isEmpty();

            InstanceStateChange terminated = ec2.terminateInstances(request -> request.instanceIds(instanceId)).terminatingInstances().getFirst();
            assertThat(terminated.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
            assertThat(terminated.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
            assertThat(describe(ec2, instanceId).state().name()).isEqualTo(InstanceStateName.TERMINATED);

            AwsServiceException unknown = catchThrowableOfType(AwsServiceException.class, () -> ec2.describeInstances(request -> request.instanceIds("i-0123456789abcdef0")));
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
            assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo("The instance ID 'i-0123456789abcdef0' does not exist");
        }
    }

    @Test
    void awsCliRunsAnInstanceWithAProfileAndListsItsAssociation()
            throws Exception
    {
        InstanceProfile profile = profileWithRole("cli-web");
        Processes.Result run = cli.run("ec2", "run-instances", "--image-id", IMAGE, "--count", "1", "--instance-type", "t3.micro",
                "--iam-instance-profile", "Name=cli-web", "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=cli}]");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode instance = new ObjectMapper().readTree(run.stdout()).path("Instances").path(0);
        String instanceId = instance.path("InstanceId").asText();
        assertThat(instanceId).matches("i-[0-9a-f]{17}");
        assertThat(instance.path("IamInstanceProfile").path("Arn").asText()).isEqualTo(profile.arn());
        assertThat(instance.path("Tags").path(0).path("Value").asText()).isEqualTo("cli");

        Processes.Result associations = cli.run("ec2", "describe-iam-instance-profile-associations", "--filters", "Name=instance-id,Values=" + instanceId);
        assertThat(associations.exitCode()).as(associations.toString()).isZero();
        JsonNode association = new ObjectMapper().readTree(associations.stdout()).path("IamInstanceProfileAssociations").path(0);
        assertThat(association.path("InstanceId").asText()).isEqualTo(instanceId);
        assertThat(association.path("State").asText()).isEqualTo("associated");
        assertThat(association.path("AssociationId").asText()).matches("iip-assoc-[0-9a-f]{17}");
        assertThat(association.path("IamInstanceProfile").path("Id").asText()).isEqualTo(profile.instanceProfileId());

        Processes.Result malformed = cli.run("ec2", "run-instances", "--image-id", "ami-nope", "--count", "1");
        assertThat(malformed.exitCode()).isNotZero();
        assertThat(malformed.stderr()).contains("An error occurred (InvalidAMIID.Malformed) when calling the RunInstances operation: Invalid id: \"ami-nope\" (expecting \"ami-...\")");
    }

    private InstanceProfile profileWithRole(String name)
    {
        iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(TRUST));
        InstanceProfile profile = iam.createInstanceProfile(request -> request.instanceProfileName(name)).instanceProfile();
        iam.addRoleToInstanceProfile(request -> request.instanceProfileName(name).roleName(name));
        return profile;
    }

    private static Instance describe(Ec2Client ec2, String instanceId)
    {
        return ec2.describeInstances(request -> request.instanceIds(instanceId)).reservations().getFirst().instances().getFirst();
    }
}
