package dev.lanyard.services.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

import java.util.ArrayList;
import java.util.List;

import static dev.lanyard.services.ec2.Ec2TestSupport.ACCOUNT;
import static dev.lanyard.services.ec2.Ec2TestSupport.IMAGE;
import static dev.lanyard.services.ec2.Ec2TestSupport.OTHER_ACCOUNT;
import static dev.lanyard.services.ec2.Ec2TestSupport.error;
import static dev.lanyard.services.ec2.Ec2TestSupport.root;
import static org.assertj.core.api.Assertions.assertThat;

class Ec2InstanceOperationsTest
{
    private final Ec2TestSupport support = new Ec2TestSupport();
    private final InstanceOperations instances = support.instances;

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void runInstancesAnswersAsAws()
    {
        RunInstancesResponse response = instances.runInstances(root(), RunInstancesRequest.builder()
                .imageId(IMAGE)
                .minCount(1)
                .maxCount(2)
                .keyName("deployer")
                .tagSpecifications(
                        TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("Name").value("web").build()).build(),
                        TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(Tag.builder().key("disk").value("root").build()).build())
                .build());
        assertThat(response.reservationId()).matches("r-[0-9a-f]{17}");
        assertThat(response.ownerId()).isEqualTo(ACCOUNT);
        assertThat(response.instances()).hasSize(2);
        Instance first = response.instances().getFirst();
        assertThat(first.instanceId()).matches("i-[0-9a-f]{17}");
        assertThat(first.imageId()).isEqualTo(IMAGE);
        assertThat(first.instanceTypeAsString()).isEqualTo("m1.small");
        assertThat(first.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(first.state().code()).isZero();
        assertThat(first.placement().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(first.privateIpAddress()).matches("172\\.31\\.\\d+\\.\\d+");
        assertThat(first.privateDnsName()).isEqualTo("ip-" + first.privateIpAddress().replace('.', '-') + ".ec2.internal");
        assertThat(first.launchTime()).isNotNull();
        assertThat(first.keyName()).isEqualTo("deployer");
        assertThat(first.monitoring().stateAsString()).isEqualTo("disabled");
        assertThat(first.tags()).containsExactly(Tag.builder().key("Name").value("web").build());
        assertThat(first.iamInstanceProfile()).isNull();
        assertThat(response.instances()).extracting(Instance::amiLaunchIndex).containsExactly(0, 1);

        // Immediately consistent: Describe shows them running right away.
        DescribeInstancesResponse described = describe(DescribeInstancesRequest.builder().instanceIds(first.instanceId()).build());
        assertThat(described.reservations()).singleElement().satisfies(reservation -> {
            assertThat(reservation.reservationId()).isEqualTo(response.reservationId());
            assertThat(reservation.ownerId()).isEqualTo(ACCOUNT);
        });
        Instance shown = described.reservations().getFirst().instances().getFirst();
        assertThat(shown.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(shown.state().code()).isEqualTo(16);
        assertThat(shown.privateIpAddress()).isEqualTo(first.privateIpAddress());
    }

    @Test
    void imageIdAndCountsAreChecked()
    {
        assertThat(error(() -> run(RunInstancesRequest.builder().minCount(1).maxCount(1)), "MissingParameter", 400).getMessage())
                .isEqualTo("The request must contain the parameter ImageId");
        assertThat(error(() -> run(RunInstancesRequest.builder().imageId("ami-123").minCount(1).maxCount(1)), "InvalidAMIID.Malformed", 400).getMessage())
                .isEqualTo("Invalid id: \"ami-123\" (expecting \"ami-...\")");
        error(() -> run(RunInstancesRequest.builder().imageId("ami-0123456789ABCDEF0").minCount(1).maxCount(1)), "InvalidAMIID.Malformed", 400);
        error(() -> run(RunInstancesRequest.builder().imageId("i-0123456789abcdef0").minCount(1).maxCount(1)), "InvalidAMIID.Malformed", 400);
        // The old 8-digit form is well-formed too, and there is no catalog to refuse it.
        assertThat(run(RunInstancesRequest.builder().imageId("ami-12345678").minCount(1).maxCount(1)).instances()).hasSize(1);

        error(() -> run(RunInstancesRequest.builder().imageId(IMAGE).minCount(3).maxCount(2)), "InvalidParameterValue", 400);
        error(() -> run(RunInstancesRequest.builder().imageId(IMAGE).minCount(0).maxCount(2)), "InvalidParameterValue", 400);
        error(() -> run(RunInstancesRequest.builder().imageId(IMAGE).minCount(21).maxCount(30)), "InstanceLimitExceeded", 400);
        // MaxCount beyond the limit launches as many as the limit allows, as AWS launches as many as it can.
        assertThat(run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(Integer.MAX_VALUE)).instances()).hasSize(InstanceOperations.INSTANCES_PER_LAUNCH);
        error(() -> run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).instanceType("m9.enormous")), "InvalidParameterValue", 400);
        error(() -> run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).placement(Placement.builder().availabilityZone("eu-west-1a").build())),
                "InvalidParameterValue", 400);
        error(() -> run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("aws:reserved").value("x").build()).build())), "InvalidParameterValue", 400);
        error(() -> run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.VPC).tags(Tag.builder().key("a").value("x").build()).build())), "InvalidParameterValue", 400);
        error(() -> run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).dryRun(true)), "DryRunOperation", 412);
        assertThat(describe(DescribeInstancesRequest.builder().build()).reservations()).extracting(Reservation::instances)
                .allSatisfy(members -> assertThat(members).isNotEmpty())
                .hasSize(2);
    }

    @Test
    void instanceTypeAndClientToken()
    {
        RunInstancesResponse first = run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).instanceType("t3.micro").clientToken("Token-1"));
        assertThat(first.instances().getFirst().instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(first.instances().getFirst().clientToken()).isEqualTo("Token-1");
        RunInstancesResponse again = run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).instanceType("t3.micro").clientToken("Token-1"));
        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(again.instances()).extracting(Instance::instanceId).containsExactly(first.instances().getFirst().instanceId());
        // Tokens are case-sensitive, and belong to one region.
        assertThat(run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).clientToken("token-1")).reservationId()).isNotEqualTo(first.reservationId());
        assertThat(instances.runInstances(root(ACCOUNT, "eu-west-1"), RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).clientToken("Token-1").build())
                .reservationId()).isNotEqualTo(first.reservationId());
    }

    @Test
    void unknownAndMalformedInstanceIds()
    {
        String known = support.run(root()).instanceId();
        assertThat(error(() -> describe(DescribeInstancesRequest.builder().instanceIds("i-0000000000000000a").build()), "InvalidInstanceID.NotFound", 400).getMessage())
                .isEqualTo("The instance ID 'i-0000000000000000a' does not exist");
        assertThat(error(() -> instances.terminateInstances(root(), TerminateInstancesRequest.builder().instanceIds("i-0000000000000000a", known, "i-0000000000000000b").build()),
                "InvalidInstanceID.NotFound", 400).getMessage())
                .isEqualTo("The instance IDs 'i-0000000000000000a, i-0000000000000000b' do not exist");
        // Nothing changed: all or none.
        assertThat(onlyInstance(describe(DescribeInstancesRequest.builder().instanceIds(known).build())).state().name()).isEqualTo(InstanceStateName.RUNNING);
        error(() -> describe(DescribeInstancesRequest.builder().instanceIds("web-1").build()), "InvalidInstanceID.Malformed", 400);
        error(() -> instances.rebootInstances(root(), RebootInstancesRequest.builder().instanceIds("i-0000000000000000a").build()), "InvalidInstanceID.NotFound", 400);
        instances.rebootInstances(root(), RebootInstancesRequest.builder().instanceIds(known).build());
        error(() -> describe(DescribeInstancesRequest.builder().instanceIds(known).maxResults(5).build()), "InvalidParameterCombination", 400);
    }

    @Test
    void instancesBelongToTheirAccountAndRegion()
    {
        String instanceId = support.run(root()).instanceId();
        error(() -> instances.describeInstances(root(OTHER_ACCOUNT, "us-east-1"), DescribeInstancesRequest.builder().instanceIds(instanceId).build()), "InvalidInstanceID.NotFound", 400);
        error(() -> instances.describeInstances(root(ACCOUNT, "eu-west-1"), DescribeInstancesRequest.builder().instanceIds(instanceId).build()), "InvalidInstanceID.NotFound", 400);
        error(() -> instances.terminateInstances(root(OTHER_ACCOUNT, "us-east-1"), TerminateInstancesRequest.builder().instanceIds(instanceId).build()), "InvalidInstanceID.NotFound", 400);
        assertThat(instances.describeInstances(root(OTHER_ACCOUNT, "us-east-1"), DescribeInstancesRequest.builder().build()).reservations()).isEmpty();
        assertThat(instances.describeInstances(root(ACCOUNT, "eu-west-1"), DescribeInstancesRequest.builder().build()).reservations()).isEmpty();
        assertThat(describe(DescribeInstancesRequest.builder().build()).reservations()).hasSize(1);
    }

    @Test
    void stopStartAndTerminateAreImmediate()
    {
        String instanceId = support.run(root()).instanceId();
        InstanceStateChange stopped = instances.stopInstances(root(), StopInstancesRequest.builder().instanceIds(instanceId).build()).stoppingInstances().getFirst();
        assertThat(stopped.instanceId()).isEqualTo(instanceId);
        assertThat(stopped.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(stopped.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        assertThat(stopped.currentState().code()).isEqualTo(64);
        Instance shown = onlyInstance(describe(DescribeInstancesRequest.builder().instanceIds(instanceId).build()));
        assertThat(shown.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(shown.stateTransitionReason()).startsWith("User initiated (").endsWith(" GMT)");
        // Stopping a stopped instance changes nothing and says so.
        InstanceStateChange again = instances.stopInstances(root(), StopInstancesRequest.builder().instanceIds(instanceId).build()).stoppingInstances().getFirst();
        assertThat(again.previousState().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(again.currentState().name()).isEqualTo(InstanceStateName.STOPPED);

        InstanceStateChange started = instances.startInstances(root(), StartInstancesRequest.builder().instanceIds(instanceId).build()).startingInstances().getFirst();
        assertThat(started.previousState().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(started.currentState().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(onlyInstance(describe(DescribeInstancesRequest.builder().instanceIds(instanceId).build())).state().name()).isEqualTo(InstanceStateName.RUNNING);

        InstanceStateChange terminated = instances.terminateInstances(root(), TerminateInstancesRequest.builder().instanceIds(instanceId).build()).terminatingInstances().getFirst();
        assertThat(terminated.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(terminated.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        assertThat(terminated.currentState().code()).isEqualTo(32);
        Instance gone = onlyInstance(describe(DescribeInstancesRequest.builder().instanceIds(instanceId).build()));
        assertThat(gone.state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(gone.state().code()).isEqualTo(48);
        assertThat(gone.privateIpAddress()).isNull();
        InstanceStateChange twice = instances.terminateInstances(root(), TerminateInstancesRequest.builder().instanceIds(instanceId).build()).terminatingInstances().getFirst();
        assertThat(twice.previousState().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(twice.currentState().name()).isEqualTo(InstanceStateName.TERMINATED);

        assertThat(error(() -> instances.startInstances(root(), StartInstancesRequest.builder().instanceIds(instanceId).build()), "IncorrectInstanceState", 400).getMessage())
                .isEqualTo("The instance '" + instanceId + "' is not in a state from which it can be started.");
        error(() -> instances.stopInstances(root(), StopInstancesRequest.builder().instanceIds(instanceId).build()), "IncorrectInstanceState", 400);
    }

    @Test
    void dryRunChangesNothing()
    {
        String instanceId = support.run(root()).instanceId();
        error(() -> instances.stopInstances(root(), StopInstancesRequest.builder().instanceIds(instanceId).dryRun(true).build()), "DryRunOperation", 412);
        assertThat(onlyInstance(describe(DescribeInstancesRequest.builder().instanceIds(instanceId).build())).state().name()).isEqualTo(InstanceStateName.RUNNING);
    }

    @Test
    void filters()
    {
        String web = run(RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).instanceType("t3.micro")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("Name").value("web-1").build()).build()))
                .instances().getFirst().instanceId();
        String batch = run(RunInstancesRequest.builder().imageId("ami-12345678").minCount(1).maxCount(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("Team").value("data").build()).build()))
                .instances().getFirst().instanceId();
        instances.stopInstances(root(), StopInstancesRequest.builder().instanceIds(batch).build());

        assertThat(filtered(filter("instance-state-name", "running"))).containsExactly(web);
        assertThat(filtered(filter("instance-state-name", "stopped", "running"))).containsExactlyInAnyOrder(web, batch);
        assertThat(filtered(filter("instance-state-code", "80"))).containsExactly(batch);
        assertThat(filtered(filter("instance-type", "t3.*"))).containsExactly(web);
        assertThat(filtered(filter("image-id", "ami-12345678"))).containsExactly(batch);
        assertThat(filtered(filter("instance-id", web))).containsExactly(web);
        assertThat(filtered(filter("tag:Name", "web-?"))).containsExactly(web);
        assertThat(filtered(filter("tag:Name", "WEB-1"))).isEmpty();
        assertThat(filtered(filter("tag-key", "Team"))).containsExactly(batch);
        assertThat(filtered(filter("tag-value", "data"))).containsExactly(batch);
        assertThat(filtered(filter("iam-instance-profile.arn", "*"))).isEmpty();
        // Filters AND together.
        assertThat(filtered(filter("instance-state-name", "running"), filter("tag-key", "Team"))).isEmpty();
        assertThat(error(() -> filtered(filter("colour", "blue")), "InvalidParameterValue", 400).getMessage()).isEqualTo("The filter 'colour' is invalid");
    }

    @Test
    void pagesWithMaxResultsAndNextToken()
    {
        List<String> launched = run(RunInstancesRequest.builder().imageId(IMAGE).minCount(12).maxCount(12)).instances().stream().map(Instance::instanceId).toList();
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            DescribeInstancesResponse page = describe(DescribeInstancesRequest.builder().maxResults(5).nextToken(token).build());
            seen.addAll(ids(page));
            token = page.nextToken();
            pages++;
        }
        while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(launched).doesNotHaveDuplicates();
        error(() -> describe(DescribeInstancesRequest.builder().maxResults(4).build()), "InvalidParameterValue", 400);
        error(() -> describe(DescribeInstancesRequest.builder().maxResults(5).nextToken("garbage").build()), "InvalidParameterValue", 400);
    }

    private List<String> filtered(Filter... filters)
    {
        return ids(describe(DescribeInstancesRequest.builder().filters(filters).build()));
    }

    private static Filter filter(String name, String... values)
    {
        return Filter.builder().name(name).values(values).build();
    }

    private static List<String> ids(DescribeInstancesResponse response)
    {
        return response.reservations().stream().flatMap(reservation -> reservation.instances().stream()).map(Instance::instanceId).toList();
    }

    private static Instance onlyInstance(DescribeInstancesResponse response)
    {
        assertThat(response.reservations()).hasSize(1);
        assertThat(response.reservations().getFirst().instances()).hasSize(1);
        return response.reservations().getFirst().instances().getFirst();
    }

    private DescribeInstancesResponse describe(DescribeInstancesRequest request)
    {
        return instances.describeInstances(root(), request);
    }

    private RunInstancesResponse run(RunInstancesRequest.Builder request)
    {
        return instances.runInstances(root(), request.build());
    }
}
