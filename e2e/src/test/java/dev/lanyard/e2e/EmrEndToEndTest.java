package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.InstanceProfile;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * EMR clusters with a service role and an instance profile through the unmodified AWS SDK v2 and AWS CLI: iam:PassRole
 * is asked for both roles, the cluster's EC2 instances carry the profile, termination ends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmrEndToEndTest
{
    private static final String EMR_TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "elasticmapreduce.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";
    private static final String EC2_TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());
    @AutoClose
    private final Ec2Client ec2 = server.rootClient(Ec2Client.builder());
    @AutoClose
    private final EmrClient emr = server.rootClient(EmrClient.builder());
    @AutoClose
    private final AwsCli cli = AwsCli.asRoot(server);

    private final InstanceProfile profile = defaultRoles();

    @Test
    void clusterInstancesCarryTheProfileAndPassRoleIsRequired()
    {
        iam.createUser(request -> request.userName("analyst"));
        iam.putUserPolicy(request -> request.userName("analyst").policyName("emr").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["elasticmapreduce:*", "ec2:*"], "Resource": "*"}]}"""));
        AccessKey key = iam.createAccessKey(request -> request.userName("analyst")).accessKey();
        String clusterId;
        try (EmrClient analyst = server.client(EmrClient.builder(), key.accessKeyId(), key.secretAccessKey())) {
            AwsServiceException denied = catchThrowableOfType(AwsServiceException.class, () -> analyst.runJobFlow(cluster()));
            assertThat(denied).isNotNull();
            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::123456789012:user/analyst is not authorized to perform: iam:PassRole "
                    + "on resource: arn:aws:iam::123456789012:role/EMR_DefaultRole because no identity-based policy allows the iam:PassRole action");
            assertThat(emr.listClusters().clusters()).isEmpty();

            iam.putUserPolicy(request -> request.userName("analyst").policyName("pass").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/EMR_*",
                     "Condition": {"StringEquals": {"iam:PassedToService": ["elasticmapreduce.amazonaws.com", "ec2.amazonaws.com"]}}}]}"""));
            clusterId = analyst.runJobFlow(cluster()).jobFlowId();
        }
        assertThat(clusterId).matches("j-[A-Z0-9]{13}");

        Cluster cluster = emr.describeCluster(request -> request.clusterId(clusterId)).cluster();
        assertThat(cluster.status().state()).isEqualTo(ClusterState.WAITING);
        assertThat(cluster.serviceRole()).isEqualTo("EMR_DefaultRole");
        assertThat(cluster.ec2InstanceAttributes().iamInstanceProfile()).isEqualTo("EMR_EC2_DefaultRole");
        assertThat(cluster.releaseLabel()).isEqualTo("emr-7.1.0");
        assertThat(cluster.clusterArn()).isEqualTo("arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/" + clusterId);

        List<String> ec2Ids = emr.listInstances(request -> request.clusterId(clusterId)).instances().stream().map(instance -> instance.ec2InstanceId()).toList();
        assertThat(ec2Ids).hasSize(2);
        assertThat(ec2Instances(ec2Ids)).allSatisfy(instance -> {
            assertThat(instance.iamInstanceProfile().arn()).isEqualTo(profile.arn());
            assertThat(instance.tags()).extracting(tag -> tag.key() + "=" + tag.value()).contains("aws:elasticmapreduce:job-flow-id=" + clusterId);
        });
        assertThat(ec2.describeIamInstanceProfileAssociations(request -> request.filters(filter -> filter.name("instance-id").values(ec2Ids)))
                .iamInstanceProfileAssociations()).hasSize(2);

        emr.setTerminationProtection(request -> request.jobFlowIds(clusterId).terminationProtected(true));
        AwsServiceException protectedCluster = catchThrowableOfType(AwsServiceException.class, () -> emr.terminateJobFlows(request -> request.jobFlowIds(clusterId)));
        assertThat(protectedCluster.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        emr.setTerminationProtection(request -> request.jobFlowIds(clusterId).terminationProtected(false));
        emr.terminateJobFlows(request -> request.jobFlowIds(clusterId));
        Cluster terminated = emr.describeCluster(request -> request.clusterId(clusterId)).cluster();
        assertThat(terminated.status().state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(terminated.status().stateChangeReason().code()).isEqualTo(ClusterStateChangeReasonCode.USER_REQUEST);
        assertThat(ec2Instances(ec2Ids)).allSatisfy(instance -> assertThat(instance.state().name()).isEqualTo(InstanceStateName.TERMINATED));
    }

    @Test
    void awsCliCreatesAndDescribesACluster()
            throws Exception
    {
        Processes.Result created = cli.run("emr", "create-cluster", "--name", "cli-cluster", "--release-label", "emr-7.1.0", "--service-role", "EMR_DefaultRole",
                "--ec2-attributes", "InstanceProfile=EMR_EC2_DefaultRole", "--instance-type", "m5.xlarge", "--instance-count", "1");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String clusterId = new ObjectMapper().readTree(created.stdout()).path("ClusterId").asText();
        assertThat(clusterId).matches("j-[A-Z0-9]{13}");

        Processes.Result described = cli.run("emr", "describe-cluster", "--cluster-id", clusterId);
        assertThat(described.exitCode()).as(described.toString()).isZero();
        JsonNode cluster = new ObjectMapper().readTree(described.stdout()).path("Cluster");
        assertThat(cluster.path("Status").path("State").asText()).isEqualTo("WAITING");
        assertThat(cluster.path("ServiceRole").asText()).isEqualTo("EMR_DefaultRole");
        assertThat(cluster.path("Ec2InstanceAttributes").path("IamInstanceProfile").asText()).isEqualTo("EMR_EC2_DefaultRole");

        Processes.Result unknown = cli.run("emr", "create-cluster", "--release-label", "emr-7.1.0", "--service-role", "EMR_DefaultRole",
                "--ec2-attributes", "InstanceProfile=nope", "--instance-type", "m5.xlarge", "--instance-count", "1");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("An error occurred (ValidationException) when calling the RunJobFlow operation: Invalid InstanceProfile: nope");
    }

    private InstanceProfile defaultRoles()
    {
        iam.createRole(request -> request.roleName("EMR_DefaultRole").assumeRolePolicyDocument(EMR_TRUST));
        iam.createRole(request -> request.roleName("EMR_EC2_DefaultRole").assumeRolePolicyDocument(EC2_TRUST));
        InstanceProfile created = iam.createInstanceProfile(request -> request.instanceProfileName("EMR_EC2_DefaultRole")).instanceProfile();
        iam.addRoleToInstanceProfile(request -> request.instanceProfileName("EMR_EC2_DefaultRole").roleName("EMR_EC2_DefaultRole"));
        return created;
    }

    private static RunJobFlowRequest cluster()
    {
        return RunJobFlowRequest.builder()
                .name("sdk-cluster")
                .releaseLabel("emr-7.1.0")
                .serviceRole("EMR_DefaultRole")
                .jobFlowRole("EMR_EC2_DefaultRole")
                .instances(instances -> instances.keepJobFlowAliveWhenNoSteps(true).instanceGroups(
                        group -> group.instanceRole(InstanceRoleType.MASTER).instanceType("m5.xlarge").instanceCount(1),
                        group -> group.instanceRole(InstanceRoleType.CORE).instanceType("m5.xlarge").instanceCount(1)))
                .build();
    }

    private List<Instance> ec2Instances(List<String> instanceIds)
    {
        return ec2.describeInstances(request -> request.instanceIds(instanceIds)).reservations().stream().flatMap(reservation -> reservation.instances().stream()).toList();
    }
}
