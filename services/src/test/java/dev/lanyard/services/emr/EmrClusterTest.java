package dev.lanyard.services.emr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.emr.model.AddTagsRequest;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.InstanceState;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.ListBootstrapActionsRequest;
import software.amazon.awssdk.services.emr.model.ListBootstrapActionsResponse;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsResponse;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.ListInstancesRequest;
import software.amazon.awssdk.services.emr.model.ListInstancesResponse;
import software.amazon.awssdk.services.emr.model.RemoveTagsRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowResponse;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionRequest;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.User;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.lanyard.services.emr.EmrTestSupport.ACCOUNT;
import static dev.lanyard.services.emr.EmrTestSupport.EC2_TRUST;
import static dev.lanyard.services.emr.EmrTestSupport.EMR_TRUST;
import static dev.lanyard.services.emr.EmrTestSupport.error;
import static dev.lanyard.services.emr.EmrTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;

class EmrClusterTest
{
    private static final String ALLOW_EMR = "{\"Effect\": \"Allow\", \"Action\": [\"elasticmapreduce:*\", \"ec2:*\"], \"Resource\": \"*\"}";

    private final EmrTestSupport support = new EmrTestSupport();

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void runJobFlowLaunchesInstanceGroupsWithTheProfileAndShowsTheRoles()
    {
        InstanceProfile profile = defaultRoles();
        RunJobFlowResponse response = support.root(request(true).tags(Tag.builder().key("team").value("data").build()).build());
        assertThat(response.jobFlowId()).matches("j-[A-Z0-9]{13}");
        assertThat(response.clusterArn()).isEqualTo("arn:aws:elasticmapreduce:us-east-1:" + ACCOUNT + ":cluster/" + response.jobFlowId());

        Cluster cluster = describe(response.jobFlowId());
        assertThat(cluster.status().state()).isEqualTo(ClusterState.WAITING);
        assertThat(cluster.serviceRole()).isEqualTo("EMR_DefaultRole");
        assertThat(cluster.ec2InstanceAttributes().iamInstanceProfile()).isEqualTo("EMR_EC2_DefaultRole");
        assertThat(cluster.releaseLabel()).isEqualTo("emr-7.1.0");
        assertThat(cluster.clusterArn()).isEqualTo(response.clusterArn());
        assertThat(cluster.tags()).containsExactly(Tag.builder().key("team").value("data").build());

        ListInstancesResponse listed = support.root(ListInstancesRequest.builder().clusterId(response.jobFlowId()).build());
        assertThat(listed.instances()).hasSize(3);
        assertThat(listed.instances()).allSatisfy(instance -> assertThat(instance.status().state()).isEqualTo(InstanceState.RUNNING));
        List<Instance> instances = support.instances(listed.instances().stream().map(software.amazon.awssdk.services.emr.model.Instance::ec2InstanceId).toList());
        assertThat(instances).allSatisfy(instance -> {
            assertThat(instance.iamInstanceProfile().arn()).isEqualTo(profile.arn());
            assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
            Map<String, String> tags = instance.tags().stream().collect(Collectors.toMap(tag -> tag.key(), tag -> tag.value()));
            assertThat(tags).containsEntry("aws:elasticmapreduce:job-flow-id", response.jobFlowId()).containsEntry("team", "data");
        });
        assertThat(instances.stream().map(instance -> instance.tags().stream().filter(tag -> tag.key().equals("aws:elasticmapreduce:instance-group-role")).findFirst().orElseThrow().value()))
                .containsExactlyInAnyOrder("MASTER", "CORE", "CORE");
        DescribeIamInstanceProfileAssociationsResponse associations = support.root(DescribeIamInstanceProfileAssociationsRequest.builder().build());
        assertThat(associations.iamInstanceProfileAssociations()).hasSize(3);

        support.root(TerminateJobFlowsRequest.builder().jobFlowIds(response.jobFlowId()).build());
        Cluster terminated = describe(response.jobFlowId());
        assertThat(terminated.status().state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(terminated.status().stateChangeReason().code()).isEqualTo(ClusterStateChangeReasonCode.USER_REQUEST);
        assertThat(support.instances(instances.stream().map(Instance::instanceId).toList()))
                .allSatisfy(instance -> assertThat(instance.state().name()).isEqualTo(InstanceStateName.TERMINATED));
        DescribeIamInstanceProfileAssociationsResponse after = support.root(DescribeIamInstanceProfileAssociationsRequest.builder().build());
        assertThat(after.iamInstanceProfileAssociations()).isEmpty();
    }

    @Test
    void shorthandInstanceTypeAndCount()
    {
        defaultRoles();
        RunJobFlowResponse response = support.root(RunJobFlowRequest.builder().name("short").releaseLabel("emr-7.1.0").serviceRole("EMR_DefaultRole").jobFlowRole("EMR_EC2_DefaultRole")
                .instances(JobFlowInstancesConfig.builder().masterInstanceType("m5.xlarge").slaveInstanceType("m5.large").instanceCount(2).keepJobFlowAliveWhenNoSteps(true).build())
                .build());
        ListInstancesResponse listed = support.root(ListInstancesRequest.builder().clusterId(response.jobFlowId()).build());
        assertThat(listed.instances()).extracting(software.amazon.awssdk.services.emr.model.Instance::instanceType).containsExactlyInAnyOrder("m5.xlarge", "m5.large");
        ListInstanceGroupsResponse groups = support.root(ListInstanceGroupsRequest.builder().clusterId(response.jobFlowId()).build());
        assertThat(groups.instanceGroups()).extracting(group -> group.instanceGroupTypeAsString() + " " + group.instanceType() + " " + group.runningInstanceCount())
                .containsExactlyInAnyOrder("MASTER m5.xlarge 1", "CORE m5.large 1");
        ListBootstrapActionsResponse actions = support.root(ListBootstrapActionsRequest.builder().clusterId(response.jobFlowId()).build());
        assertThat(actions.bootstrapActions()).isEmpty();
    }

    @Test
    void aClusterNotKeptAliveFinishesAtOnce()
    {
        defaultRoles();
        RunJobFlowResponse response = support.root(request(false).build());
        Cluster cluster = describe(response.jobFlowId());
        assertThat(cluster.status().state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(cluster.status().stateChangeReason().code()).isEqualTo(ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED);
        ListInstancesResponse listed = support.root(ListInstancesRequest.builder().clusterId(response.jobFlowId()).build());
        assertThat(listed.instances()).allSatisfy(instance -> assertThat(instance.status().state()).isEqualTo(InstanceState.TERMINATED));
    }

    @Test
    void unknownRolesAndProfilesAreRefused()
    {
        defaultRoles();
        error(() -> support.root(request(true).serviceRole("Missing").build()), "ValidationException", "Invalid ServiceRole: Missing");
        error(() -> support.root(request(true).jobFlowRole("Missing").build()), "ValidationException", "Invalid InstanceProfile: Missing");
        error(() -> support.root(request(true).jobFlowRole(null).build()), "ValidationException", "InstanceProfile is required for creating cluster");
        error(() -> support.root(request(true).autoScalingRole("Missing").build()), "ValidationException", "Invalid AutoScalingRole: Missing");
        ListClustersResponse clusters = support.root(ListClustersRequest.builder().build());
        assertThat(clusters.clusters()).isEmpty();
    }

    @Test
    void rolesByArnMustMatchPathAndAccount()
    {
        InstanceProfile profile = defaultRoles();
        RunJobFlowResponse response = support.root(request(true).serviceRole("arn:aws:iam::" + ACCOUNT + ":role/EMR_DefaultRole").jobFlowRole(profile.arn()).build());
        assertThat(describe(response.jobFlowId()).serviceRole()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/EMR_DefaultRole");
        error(() -> support.root(request(true).serviceRole("arn:aws:iam::" + ACCOUNT + ":role/other/EMR_DefaultRole").build()), "ValidationException",
                "Invalid ServiceRole: arn:aws:iam::" + ACCOUNT + ":role/other/EMR_DefaultRole");
    }

    @Test
    void trustPoliciesMustLetTheServicesAssumeTheRoles()
    {
        support.role("EMR_DefaultRole", EMR_TRUST);
        support.role("WrongService", EC2_TRUST);
        support.profileWithRole("EMR_EC2_DefaultRole", EC2_TRUST);
        support.profileWithRole("WrongProfile", EMR_TRUST);
        error(() -> support.root(request(true).serviceRole("WrongService").build()), "ValidationException", "Service role WrongService has invalid trust policy");
        error(() -> support.root(request(true).jobFlowRole("WrongProfile").build()), "ValidationException",
                "Role arn:aws:iam::" + ACCOUNT + ":role/WrongProfile of instance profile WrongProfile has invalid trust policy");
    }

    @Test
    void iamPassRoleIsRequiredForBothRoles()
    {
        defaultRoles();
        User noPassRole = support.userWithPolicy("no-pass", ALLOW_EMR);
        error(() -> support.call(user(noPassRole), request(true).build()), "AccessDeniedException",
                "User: " + noPassRole.arn() + " is not authorized to perform: iam:PassRole on resource: arn:aws:iam::" + ACCOUNT
                        + ":role/EMR_DefaultRole because no identity-based policy allows the iam:PassRole action");

        User serviceRoleOnly = support.userWithPolicy("service-only", ALLOW_EMR + ", {\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"elasticmapreduce.amazonaws.com\"}}}");
        error(() -> support.call(user(serviceRoleOnly), request(true).build()), "AccessDeniedException",
                "User: " + serviceRoleOnly.arn() + " is not authorized to perform: iam:PassRole on resource: arn:aws:iam::" + ACCOUNT
                        + ":role/EMR_EC2_DefaultRole because no identity-based policy allows the iam:PassRole action");
        ListClustersResponse none = support.root(ListClustersRequest.builder().build());
        assertThat(none.clusters()).isEmpty();

        User both = support.userWithPolicy("both", ALLOW_EMR + ", {\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": [\"elasticmapreduce.amazonaws.com\", \"ec2.amazonaws.com\"]}}}");
        RunJobFlowResponse response = support.call(user(both), request(true).build());
        assertThat(describe(response.jobFlowId()).status().state()).isEqualTo(ClusterState.WAITING);
    }

    @Test
    void terminationProtectionRefusesTermination()
    {
        defaultRoles();
        RunJobFlowResponse response = support.root(request(true).build());
        support.root(SetTerminationProtectionRequest.builder().jobFlowIds(response.jobFlowId()).terminationProtected(true).build());
        assertThat(describe(response.jobFlowId()).terminationProtected()).isTrue();
        error(() -> support.root(TerminateJobFlowsRequest.builder().jobFlowIds(response.jobFlowId()).build()), "ValidationException",
                "Could not shut down one or more job flows since they are termination protected.");
        assertThat(describe(response.jobFlowId()).status().state()).isEqualTo(ClusterState.WAITING);

        // A repeated id changes the cluster once.
        support.root(SetTerminationProtectionRequest.builder().jobFlowIds(response.jobFlowId(), response.jobFlowId()).terminationProtected(false).build());
        support.root(TerminateJobFlowsRequest.builder().jobFlowIds(response.jobFlowId(), response.jobFlowId()).build());
        assertThat(describe(response.jobFlowId()).status().state()).isEqualTo(ClusterState.TERMINATED);
    }

    @Test
    void listClustersFiltersByStateAndPages()
    {
        defaultRoles();
        String waiting = ((RunJobFlowResponse) support.root(request(true).build())).jobFlowId();
        String done = ((RunJobFlowResponse) support.root(request(false).build())).jobFlowId();
        ListClustersResponse onlyWaiting = support.root(ListClustersRequest.builder().clusterStates(ClusterState.WAITING).build());
        assertThat(onlyWaiting.clusters()).extracting(summary -> summary.id()).containsExactly(waiting);
        ListClustersResponse all = support.root(ListClustersRequest.builder().build());
        assertThat(all.clusters()).extracting(summary -> summary.id()).containsExactlyInAnyOrder(waiting, done);
        assertThat(all.marker()).isNull();
        error(() -> support.root(ListClustersRequest.builder().marker("bogus").build()), "InvalidRequestException", "Marker 'bogus' is not valid.");
    }

    @Test
    void unknownClustersAreInvalidRequests()
    {
        error(() -> support.root(DescribeClusterRequest.builder().clusterId("j-NOSUCHCLUSTER").build()), "InvalidRequestException", "Cluster id 'j-NOSUCHCLUSTER' is not valid.");
        error(() -> support.root(TerminateJobFlowsRequest.builder().jobFlowIds("j-NOSUCHCLUSTER").build()), "InvalidRequestException", "Cluster id 'j-NOSUCHCLUSTER' is not valid.");
    }

    @Test
    void tagsAreAddedAndRemoved()
    {
        defaultRoles();
        String clusterId = ((RunJobFlowResponse) support.root(request(true).build())).jobFlowId();
        support.root(AddTagsRequest.builder().resourceId(clusterId).tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()).build());
        support.root(RemoveTagsRequest.builder().resourceId(clusterId).tagKeys("a").build());
        assertThat(describe(clusterId).tags()).containsExactly(Tag.builder().key("b").value("2").build());
        error(() -> support.root(AddTagsRequest.builder().resourceId(clusterId).tags(Tag.builder().value("no key").build()).build()), "InvalidRequestException", "A tag must have a key.");
    }

    private InstanceProfile defaultRoles()
    {
        support.role("EMR_DefaultRole", EMR_TRUST);
        support.role("EMR_AutoScaling_DefaultRole", EmrTestSupport.trust("application-autoscaling.amazonaws.com"));
        return support.profileWithRole("EMR_EC2_DefaultRole", EC2_TRUST);
    }

    private Cluster describe(String clusterId)
    {
        DescribeClusterResponse response = support.root(DescribeClusterRequest.builder().clusterId(clusterId).build());
        return response.cluster();
    }

    private static RunJobFlowRequest.Builder request(boolean keepAlive)
    {
        return RunJobFlowRequest.builder()
                .name("analytics")
                .releaseLabel("emr-7.1.0")
                .serviceRole("EMR_DefaultRole")
                .jobFlowRole("EMR_EC2_DefaultRole")
                .instances(JobFlowInstancesConfig.builder()
                        .keepJobFlowAliveWhenNoSteps(keepAlive)
                        .instanceGroups(
                                InstanceGroupConfig.builder().instanceRole(InstanceRoleType.MASTER).instanceType("m5.xlarge").instanceCount(1).build(),
                                InstanceGroupConfig.builder().instanceRole(InstanceRoleType.CORE).instanceType("m5.xlarge").instanceCount(2).build())
                        .build());
    }
}
