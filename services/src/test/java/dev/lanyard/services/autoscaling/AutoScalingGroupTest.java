package dev.lanyard.services.autoscaling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityRequest;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.User;

import java.util.List;

import static dev.lanyard.services.autoscaling.AutoScalingTestSupport.error;
import static org.assertj.core.api.Assertions.assertThat;

class AutoScalingGroupTest
{
    private final AutoScalingTestSupport support = new AutoScalingTestSupport();

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void groupInstancesCarryTheProfileAndTheTags()
    {
        InstanceProfile profile = support.profileWithRole("web");
        support.launchConfiguration("lc", "web");
        support.root(CreateAutoScalingGroupRequest.builder().autoScalingGroupName("group").launchConfigurationName("lc").minSize(1).maxSize(4).desiredCapacity(2)
                .availabilityZones("us-east-1a", "us-east-1b")
                .tags(Tag.builder().key("team").value("blue").propagateAtLaunch(true).build(), Tag.builder().key("cost").value("x").propagateAtLaunch(false).build())
                .build());

        AutoScalingGroup group = support.group("group");
        assertThat(group.desiredCapacity()).isEqualTo(2);
        assertThat(group.serviceLinkedRoleARN()).isEqualTo("arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        assertThat(group.autoScalingGroupARN()).matches("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName/group");
        assertThat(group.instances()).hasSize(2).allSatisfy(instance -> {
            assertThat(instance.lifecycleState()).isEqualTo(LifecycleState.IN_SERVICE);
            assertThat(instance.healthStatus()).isEqualTo("Healthy");
            assertThat(instance.launchConfigurationName()).isEqualTo("lc");
        });
        assertThat(group.instances().stream().map(instance -> instance.availabilityZone())).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        GetRoleResponse role = support.root(GetRoleRequest.builder().roleName("AWSServiceRoleForAutoScaling").build());
        assertThat(role.role().arn()).isEqualTo(group.serviceLinkedRoleARN());

        List<String> instanceIds = group.instances().stream().map(instance -> instance.instanceId()).toList();
        List<Instance> instances = support.instances(instanceIds);
        assertThat(instances).hasSize(2).allSatisfy(instance -> {
            assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
            assertThat(instance.iamInstanceProfile().arn()).isEqualTo(profile.arn());
            assertThat(instance.iamInstanceProfile().id()).isEqualTo(profile.instanceProfileId());
            assertThat(instance.instanceTypeAsString()).isEqualTo("t3.micro");
            assertThat(instance.tags()).extracting(tag -> tag.key() + "=" + tag.value()).containsExactlyInAnyOrder("team=blue", "aws:autoscaling:groupName=group");
        });
        DescribeIamInstanceProfileAssociationsResponse associations = support.root(DescribeIamInstanceProfileAssociationsRequest.builder().build());
        assertThat(associations.iamInstanceProfileAssociations()).extracting(IamInstanceProfileAssociation::instanceId).containsExactlyInAnyOrderElementsOf(instanceIds);

        DescribeAutoScalingInstancesResponse details = support.root(DescribeAutoScalingInstancesRequest.builder().instanceIds(instanceIds.getFirst()).build());
        AutoScalingInstanceDetails detail = details.autoScalingInstances().getFirst();
        assertThat(detail.autoScalingGroupName()).isEqualTo("group");
        assertThat(detail.healthStatus()).isEqualTo("HEALTHY");
        assertThat(detail.lifecycleState()).isEqualTo("InService");
    }

    @Test
    void scalingLaunchesAndTerminatesAtOnce()
    {
        support.profileWithRole("web");
        support.launchConfiguration("lc", "web");
        support.root(CreateAutoScalingGroupRequest.builder().autoScalingGroupName("group").launchConfigurationName("lc").minSize(1).maxSize(5).desiredCapacity(2)
                .vpcZoneIdentifier("subnet-0123456789abcdef0").build());
        List<String> original = ids(support.group("group"));

        support.root(SetDesiredCapacityRequest.builder().autoScalingGroupName("group").desiredCapacity(3).build());
        List<String> three = ids(support.group("group"));
        assertThat(three).hasSize(3).containsAll(original);
        assertThat(support.instances(three)).allSatisfy(instance -> assertThat(instance.iamInstanceProfile()).isNotNull());

        support.root(UpdateAutoScalingGroupRequest.builder().autoScalingGroupName("group").maxSize(1).build());
        AutoScalingGroup one = support.group("group");
        assertThat(one.desiredCapacity()).isEqualTo(1);
        assertThat(ids(one)).hasSize(1);
        List<Instance> all = support.instances(three);
        assertThat(all.stream().filter(instance -> instance.state().name() == InstanceStateName.TERMINATED)).hasSize(2)
                .allSatisfy(instance -> assertThat(instance.iamInstanceProfile()).isNull());

        error(() -> support.root(SetDesiredCapacityRequest.builder().autoScalingGroupName("group").desiredCapacity(2).build()), "ValidationError",
                "New SetDesiredCapacity value 2 is above max value 1 for the AutoScalingGroup.");

        // Without the decrement a replacement is launched; with it at the min size the call is refused.
        String survivor = ids(one).getFirst();
        TerminateInstanceInAutoScalingGroupResponse terminated = support.root(TerminateInstanceInAutoScalingGroupRequest.builder().instanceId(survivor)
                .shouldDecrementDesiredCapacity(false).build());
        assertThat(terminated.activity().description()).isEqualTo("Terminating EC2 instance: " + survivor);
        List<String> replaced = ids(support.group("group"));
        assertThat(replaced).hasSize(1).doesNotContain(survivor);
        error(() -> support.root(TerminateInstanceInAutoScalingGroupRequest.builder().instanceId(replaced.getFirst()).shouldDecrementDesiredCapacity(true).build()),
                "ValidationError", "Currently, desiredSize equals minSize (1). Terminating instance without replacement will violate group's min size constraint. "
                        + "Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
        error(() -> support.root(TerminateInstanceInAutoScalingGroupRequest.builder().instanceId(survivor).shouldDecrementDesiredCapacity(false).build()),
                "ValidationError", "Instance Id not found - No managed instance found for instance ID: " + survivor);

        // An instance terminated through EC2 has left the group.
        support.root(TerminateInstancesRequest.builder().instanceIds(replaced).build());
        assertThat(support.group("group").instances()).isEmpty();
    }

    @Test
    void theFirstGroupNeedsPermissionToCreateTheServiceLinkedRole()
    {
        support.launchConfiguration("lc", null);
        User alice = support.userWithPolicy("alice", """
                {"Effect": "Allow", "Action": "autoscaling:*", "Resource": "*"}""");
        CreateAutoScalingGroupRequest request = CreateAutoScalingGroupRequest.builder().autoScalingGroupName("group").launchConfigurationName("lc").minSize(1).maxSize(1)
                .availabilityZones("us-east-1a").build();
        error(() -> support.call(AutoScalingTestSupport.user(alice), request), "AccessDenied",
                "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:CreateServiceLinkedRole on resource: "
                        + "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling "
                        + "because no identity-based policy allows the iam:CreateServiceLinkedRole action");
        assertThat(((DescribeAutoScalingGroupsResponse) support.root(DescribeAutoScalingGroupsRequest.builder().build())).autoScalingGroups()).isEmpty();

        support.root(request.toBuilder().autoScalingGroupName("first").build());
        support.call(AutoScalingTestSupport.user(alice), request);
        assertThat(support.group("group").instances()).hasSize(1);
    }

    @Test
    void sizesAreValidated()
    {
        support.launchConfiguration("lc", null);
        CreateAutoScalingGroupRequest request = CreateAutoScalingGroupRequest.builder().autoScalingGroupName("group").launchConfigurationName("lc")
                .availabilityZones("us-east-1a").minSize(3).maxSize(2).build();
        error(() -> support.root(request), "ValidationError", "Max bound, 2, must be greater than or equal to min bound, 3");
        error(() -> support.root(request.toBuilder().minSize(1).maxSize(2).desiredCapacity(5).build()), "ValidationError",
                "Desired capacity:5 must be between the specified min size:1 and max size:2");
        error(() -> support.root(request.toBuilder().minSize(0).availabilityZones("eu-west-1a").build()), "ValidationError", "Invalid Availability Zone: eu-west-1a");
        error(() -> support.root(request.toBuilder().minSize(0).availabilityZones(List.of()).build()), "ValidationError",
                "At least one Availability Zone or VPC Subnet is required.");
        error(() -> support.root(request.toBuilder().minSize(0).launchConfigurationName("missing").build()), "ValidationError",
                "Launch configuration name not found - Launch configuration missing not found");
        error(() -> support.root(request.toBuilder().minSize(0).launchConfigurationName(null)
                .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateName("template").build()).build()), "ValidationError",
                "Lanyard does not support launch templates (LaunchTemplate) yet; use LaunchConfigurationName.");
        assertThat(((DescribeAutoScalingGroupsResponse) support.root(DescribeAutoScalingGroupsRequest.builder().build())).autoScalingGroups()).isEmpty();

        support.root(request.toBuilder().minSize(0).build());
        error(() -> support.root(request.toBuilder().minSize(0).build()), "AlreadyExists",
                "AutoScalingGroup by this name already exists - A group with the name group already exists");
        error(() -> support.root(UpdateAutoScalingGroupRequest.builder().autoScalingGroupName("group").minSize(4).build()), "ValidationError",
                "Max bound, 2, must be greater than or equal to min bound, 4");
        error(() -> support.root(SetDesiredCapacityRequest.builder().autoScalingGroupName("nope").desiredCapacity(1).build()), "ValidationError",
                "AutoScalingGroup name not found - AutoScalingGroup nope not found");
    }

    @Test
    void deleteNeedsForceWhileInstancesRun()
    {
        support.profileWithRole("web");
        support.launchConfiguration("lc", "web");
        support.root(CreateAutoScalingGroupRequest.builder().autoScalingGroupName("group").launchConfigurationName("lc").minSize(2).maxSize(2)
                .availabilityZones("us-east-1a").build());
        List<String> instanceIds = ids(support.group("group"));
        error(() -> support.root(DeleteAutoScalingGroupRequest.builder().autoScalingGroupName("group").build()), "ResourceInUse",
                "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
        assertThat(support.group("group").instances()).hasSize(2);

        support.root(DeleteAutoScalingGroupRequest.builder().autoScalingGroupName("group").forceDelete(true).build());
        assertThat(((DescribeAutoScalingGroupsResponse) support.root(DescribeAutoScalingGroupsRequest.builder().build())).autoScalingGroups()).isEmpty();
        assertThat(support.instances(instanceIds)).allSatisfy(instance -> assertThat(instance.state().name()).isEqualTo(InstanceStateName.TERMINATED));
        assertThat(((DescribeIamInstanceProfileAssociationsResponse) support.root(DescribeIamInstanceProfileAssociationsRequest.builder().build())).iamInstanceProfileAssociations())
                .isEmpty();
        error(() -> support.root(DeleteAutoScalingGroupRequest.builder().autoScalingGroupName("group").build()), "ValidationError",
                "AutoScalingGroup name not found - AutoScalingGroup group not found");
    }

    private static List<String> ids(AutoScalingGroup group)
    {
        return group.instances().stream().map(instance -> instance.instanceId()).toList();
    }
}
