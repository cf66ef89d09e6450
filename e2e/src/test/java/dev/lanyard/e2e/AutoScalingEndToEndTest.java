package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.InstanceProfile;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Auto Scaling with an IAM role through the unmodified AWS SDK v2 and AWS CLI: the instance profile of the launch
 * configuration reaches every instance the group launches, iam:PassRole is asked when the profile is handed over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoScalingEndToEndTest
{
    private static final String IMAGE = "ami-0abcdef1234567890";
    private static final String TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());
    @AutoClose
    private final Ec2Client ec2 = server.rootClient(Ec2Client.builder());
    @AutoClose
    private final AutoScalingClient autoScaling = server.rootClient(AutoScalingClient.builder());
    @AutoClose
    private final AwsCli cli = AwsCli.asRoot(server);

    @Test
    void groupInstancesCarryTheLaunchConfigurationsProfile()
    {
        InstanceProfile profile = profileWithRole("sdk-web");
        iam.createUser(request -> request.userName("scaler"));
        iam.putUserPolicy(request -> request.userName("scaler").policyName("autoscaling").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "autoscaling:*", "Resource": "*"}]}"""));
        AccessKey key = iam.createAccessKey(request -> request.userName("scaler")).accessKey();
        try (AutoScalingClient scaler = server.client(AutoScalingClient.builder(), key.accessKeyId(), key.secretAccessKey())) {
            AwsServiceException denied = catchThrowableOfType(AwsServiceException.class, () -> scaler.createLaunchConfiguration(request -> request
                    .launchConfigurationName("sdk-lc").imageId(IMAGE).instanceType("t3.micro").iamInstanceProfile("sdk-web")));
            assertThat(denied).isNotNull();
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::123456789012:user/scaler is not authorized to perform: iam:PassRole "
                    + "on resource: arn:aws:iam::123456789012:role/sdk-web because no identity-based policy allows the iam:PassRole action");

            iam.putUserPolicy(request -> request.userName("scaler").policyName("pass").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/sdk-*"}]}"""));
            scaler.createLaunchConfiguration(request -> request.launchConfigurationName("sdk-lc").imageId(IMAGE).instanceType("t3.micro").iamInstanceProfile("sdk-web"));
        }
        AwsServiceException duplicate = catchThrowableOfType(AwsServiceException.class, () -> autoScaling.createLaunchConfiguration(request -> request
                .launchConfigurationName("sdk-lc").imageId(IMAGE).instanceType("t3.micro")));
        assertThat(duplicate.awsErrorDetails().errorCode()).isEqualTo("AlreadyExists");

        autoScaling.createAutoScalingGroup(request -> request.autoScalingGroupName("sdk-group").launchConfigurationName("sdk-lc").minSize(1).maxSize(3).desiredCapacity(2)
                .availabilityZones("us-east-1a", "us-east-1b")
                .tags(tag -> tag.key("team").value("blue").propagateAtLaunch(true)));
        AutoScalingGroup group = describe("sdk-group");
        assertThat(group.serviceLinkedRoleARN()).isEqualTo("arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        assertThat(group.instances()).hasSize(2).allSatisfy(instance -> assertThat(instance.lifecycleState()).isEqualTo(LifecycleState.IN_SERVICE));
        List<Instance> instances = ec2Instances(ids(group));
        assertThat(instances).hasSize(2).allSatisfy(instance -> {
            assertThat(instance.iamInstanceProfile().arn()).isEqualTo(profile.arn());
            assertThat(instance.tags()).extracting(tag -> tag.key() + "=" + tag.value()).contains("aws:autoscaling:groupName=sdk-group", "team=blue");
        });
        assertThat(ec2.describeIamInstanceProfileAssociations(request -> request.filters(filter -> filter.name("instance-id").values(ids(group))))
                .iamInstanceProfileAssociations()).hasSize(2);

        autoScaling.setDesiredCapacity(request -> request.autoScalingGroupName("sdk-group").desiredCapacity(3));
        List<String> three = ids(describe("sdk-group"));
        assertThat(three).hasSize(3).containsAll(ids(group));
        assertThat(ec2Instances(three)).allSatisfy(instance -> assertThat(instance.iamInstanceProfile().arn()).isEqualTo(profile.arn()));

        autoScaling.updateAutoScalingGroup(request -> request.autoScalingGroupName("sdk-group").desiredCapacity(1));
        assertThat(ids(describe("sdk-group"))).hasSize(1);
        assertThat(ec2Instances(three).stream().filter(instance -> instance.state().name() == InstanceStateName.TERMINATED)).hasSize(2);

        AwsServiceException inUse = catchThrowableOfType(AwsServiceException.class, () -> autoScaling.deleteAutoScalingGroup(request -> request.autoScalingGroupName("sdk-group")));
        assertThat(inUse.awsErrorDetails().errorCode()).isEqualTo("ResourceInUse");
        autoScaling.deleteAutoScalingGroup(request -> request.autoScalingGroupName("sdk-group").forceDelete(true));
        assertThat(autoScaling.describeAutoScalingGroups(request -> request.autoScalingGroupNames("sdk-group")).autoScalingGroups()).isEmpty();
        assertThat(ec2Instances(three)).allSatisfy(instance -> assertThat(instance.state().name()).isEqualTo(InstanceStateName.TERMINATED));
        autoScaling.deleteLaunchConfiguration(request -> request.launchConfigurationName("sdk-lc"));
    }

    @Test
    void awsCliCreatesALaunchConfigurationWithAProfileAndDescribesTheGroup()
            throws Exception
    {
        InstanceProfile profile = profileWithRole("cli-web");
        Processes.Result created = cli.run("autoscaling", "create-launch-configuration", "--launch-configuration-name", "cli-lc", "--image-id", IMAGE,
                "--instance-type", "t3.micro", "--iam-instance-profile", "cli-web");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        Processes.Result group = cli.run("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "cli-group", "--launch-configuration-name", "cli-lc",
                "--min-size", "1", "--max-size", "2", "--availability-zones", "us-east-1c");
        assertThat(group.exitCode()).as(group.toString()).isZero();

        Processes.Result described = cli.run("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "cli-group");
        assertThat(described.exitCode()).as(described.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(described.stdout()).path("AutoScalingGroups").path(0);
        assertThat(json.path("LaunchConfigurationName").asText()).isEqualTo("cli-lc");
        JsonNode instance = json.path("Instances").path(0);
        assertThat(instance.path("LifecycleState").asText()).isEqualTo("InService");
        assertThat(instance.path("AvailabilityZone").asText()).isEqualTo("us-east-1c");
        String instanceId = instance.path("InstanceId").asText();
        assertThat(ec2Instances(List.of(instanceId)).getFirst().iamInstanceProfile().arn()).isEqualTo(profile.arn());

        Processes.Result unknown = cli.run("autoscaling", "create-launch-configuration", "--launch-configuration-name", "cli-lc-2", "--image-id", IMAGE,
                "--instance-type", "t3.micro", "--iam-instance-profile", "nope");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("An error occurred (ValidationError) when calling the CreateLaunchConfiguration operation: Invalid IamInstanceProfile: nope");
    }

    private InstanceProfile profileWithRole(String name)
    {
        iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(TRUST));
        InstanceProfile profile = iam.createInstanceProfile(request -> request.instanceProfileName(name)).instanceProfile();
        iam.addRoleToInstanceProfile(request -> request.instanceProfileName(name).roleName(name));
        return profile;
    }

    private AutoScalingGroup describe(String name)
    {
        return autoScaling.describeAutoScalingGroups(request -> request.autoScalingGroupNames(name)).autoScalingGroups().getFirst();
    }

    private List<Instance> ec2Instances(List<String> instanceIds)
    {
        return ec2.describeInstances(request -> request.instanceIds(instanceIds)).reservations().stream().flatMap(reservation -> reservation.instances().stream()).toList();
    }

    private static List<String> ids(AutoScalingGroup group)
    {
        return group.instances().stream().map(instance -> instance.instanceId()).toList();
    }
}
