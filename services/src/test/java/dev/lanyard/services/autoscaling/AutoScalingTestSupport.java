package dev.lanyard.services.autoscaling;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.ServiceTestSupport;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.User;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The IAM, EC2 and Auto Scaling operations over a real SQLite store. */
final class AutoScalingTestSupport
        extends ServiceTestSupport
{
    static final String IMAGE = "ami-0123456789abcdef0";

    AutoScalingTestSupport()
    {
        super(AwsService.AUTOSCALING, (store, accessControl, operations) ->
                new AutoScalingOperations(new AutoScalingContext(store, Clock.systemUTC(), accessControl)).register(operations));
    }

    static CallContext user(User user)
    {
        return userCall(user, AwsService.AUTOSCALING);
    }

    InstanceProfile profileWithRole(String name)
    {
        return profileWithRole(name, EC2_TRUST);
    }

    void launchConfiguration(String name, String profile)
    {
        root(CreateLaunchConfigurationRequest.builder().launchConfigurationName(name).imageId(IMAGE).instanceType("t3.micro").iamInstanceProfile(profile).build());
    }

    AutoScalingGroup group(String name)
    {
        DescribeAutoScalingGroupsResponse response = root(DescribeAutoScalingGroupsRequest.builder().autoScalingGroupNames(name).build());
        assertThat(response.autoScalingGroups()).hasSize(1);
        return response.autoScalingGroups().getFirst();
    }
}
