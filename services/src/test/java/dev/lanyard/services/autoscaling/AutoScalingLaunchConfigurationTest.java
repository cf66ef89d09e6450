package dev.lanyard.services.autoscaling;

import dev.lanyard.protocol.AwsErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.User;

import static dev.lanyard.services.autoscaling.AutoScalingTestSupport.IMAGE;
import static dev.lanyard.services.autoscaling.AutoScalingTestSupport.error;
import static dev.lanyard.services.autoscaling.AutoScalingTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;

class AutoScalingLaunchConfigurationTest
{
    private final AutoScalingTestSupport support = new AutoScalingTestSupport();

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void createDescribeAndPage()
    {
        InstanceProfile profile = support.profileWithRole("web");
        support.root(CreateLaunchConfigurationRequest.builder().launchConfigurationName("lc-a").imageId(IMAGE).instanceType("t3.micro")
                .iamInstanceProfile("web").keyName("ops").userData("ZWNobyBoaQ==").build());
        support.launchConfiguration("lc-b", profile.arn());
        support.launchConfiguration("LC-a", null);

        DescribeLaunchConfigurationsResponse named = support.root(DescribeLaunchConfigurationsRequest.builder().launchConfigurationNames("lc-a", "missing").build());
        assertThat(named.launchConfigurations()).hasSize(1);
        LaunchConfiguration configuration = named.launchConfigurations().getFirst();
        assertThat(configuration.launchConfigurationName()).isEqualTo("lc-a");
        assertThat(configuration.launchConfigurationARN()).matches("arn:aws:autoscaling:us-east-1:123456789012:launchConfiguration:[0-9a-f-]{36}:launchConfigurationName/lc-a");
        assertThat(configuration.iamInstanceProfile()).isEqualTo("web");
        assertThat(configuration.keyName()).isEqualTo("ops");
        assertThat(configuration.userData()).isEqualTo("ZWNobyBoaQ==");
        assertThat(configuration.imageId()).isEqualTo(IMAGE);
        assertThat(configuration.instanceType()).isEqualTo("t3.micro");

        // Names are case-sensitive: LC-a is another configuration; paging walks all three.
        DescribeLaunchConfigurationsResponse first = support.root(DescribeLaunchConfigurationsRequest.builder().maxRecords(2).build());
        assertThat(first.launchConfigurations()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        DescribeLaunchConfigurationsResponse second = support.root(DescribeLaunchConfigurationsRequest.builder().maxRecords(2).nextToken(first.nextToken()).build());
        assertThat(second.launchConfigurations()).hasSize(1);
        assertThat(second.nextToken()).isNull();
        assertThat(java.util.stream.Stream.concat(first.launchConfigurations().stream(), second.launchConfigurations().stream()).map(LaunchConfiguration::launchConfigurationName))
                .containsExactlyInAnyOrder("lc-a", "lc-b", "LC-a");
        error(() -> support.root(DescribeLaunchConfigurationsRequest.builder().nextToken("junk").build()), "ValidationError", "The NextToken value is invalid.");
    }

    @Test
    void duplicateNameAndUnknownProfileAreRefused()
    {
        support.profileWithRole("web");
        support.launchConfiguration("lc", "web");
        error(() -> support.launchConfiguration("lc", null), "AlreadyExists",
                "Launch Configuration by this name already exists - A launch configuration already exists with the name lc");
        error(() -> support.launchConfiguration("other", "nope"), "ValidationError", "Invalid IamInstanceProfile: nope");
        error(() -> support.launchConfiguration("other", "arn:aws:iam::123456789012:instance-profile/nope"), "ValidationError",
                "Invalid IamInstanceProfile: arn:aws:iam::123456789012:instance-profile/nope");
        error(() -> support.root(CreateLaunchConfigurationRequest.builder().launchConfigurationName("other").imageId(IMAGE).build()), "ValidationError",
                "Valid requests must contain either the InstanceID parameter or both the ImageId and InstanceType parameters.");
        assertThat(((DescribeLaunchConfigurationsResponse) support.root(DescribeLaunchConfigurationsRequest.builder().build())).launchConfigurations()).hasSize(1);
    }

    @Test
    void passRoleIsRequiredOnTheProfilesRoleForAUser()
    {
        support.profileWithRole("web");
        support.profileWithRole("admin");
        User alice = support.userWithPolicy("alice", """
                {"Effect": "Allow", "Action": "autoscaling:*", "Resource": "*"}""");
        CreateLaunchConfigurationRequest request = CreateLaunchConfigurationRequest.builder().launchConfigurationName("lc").imageId(IMAGE).instanceType("t3.micro")
                .iamInstanceProfile("web").build();
        AwsErrorException denied = error(() -> support.call(user(alice), request), "AccessDenied",
                "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/web "
                        + "because no identity-based policy allows the iam:PassRole action");
        assertThat(denied.httpStatus()).isEqualTo(403);
        assertThat(((DescribeLaunchConfigurationsResponse) support.root(DescribeLaunchConfigurationsRequest.builder().build())).launchConfigurations()).isEmpty();

        User bob = support.userWithPolicy("bob", """
                {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/web", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}""");
        support.call(user(bob), request);
        assertThat(((DescribeLaunchConfigurationsResponse) support.root(DescribeLaunchConfigurationsRequest.builder().build())).launchConfigurations()).hasSize(1);
        // Only that role.
        error(() -> support.call(user(bob), request.toBuilder().launchConfigurationName("lc-admin").iamInstanceProfile("admin").build()), "AccessDenied",
                "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/admin "
                        + "because no identity-based policy allows the iam:PassRole action");
        // No profile passes no role.
        support.call(user(alice), request.toBuilder().launchConfigurationName("plain").iamInstanceProfile(null).build());
    }

    @Test
    void deleteRefusedWhileAGroupUsesIt()
    {
        support.launchConfiguration("lc", null);
        support.root(CreateAutoScalingGroupRequest.builder().autoScalingGroupName("group").launchConfigurationName("lc").minSize(0).maxSize(1)
                .availabilityZones("us-east-1a").build());
        error(() -> support.root(DeleteLaunchConfigurationRequest.builder().launchConfigurationName("lc").build()), "ResourceInUse",
                "Cannot delete launch configuration lc because it is attached to AutoScalingGroup group");
        support.root(DeleteAutoScalingGroupRequest.builder().autoScalingGroupName("group").build());
        support.root(DeleteLaunchConfigurationRequest.builder().launchConfigurationName("lc").build());
        error(() -> support.root(DeleteLaunchConfigurationRequest.builder().launchConfigurationName("lc").build()), "ValidationError",
                "Launch configuration name not found - Launch configuration lc not found");
    }
}
