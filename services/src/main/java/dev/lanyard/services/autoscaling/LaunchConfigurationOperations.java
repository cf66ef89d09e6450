package dev.lanyard.services.autoscaling;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.ec2.ServiceLaunches;
import dev.lanyard.services.ec2.ServiceLaunches.HandedProfile;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.InstanceMonitoring;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.ec2.model.InstanceType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Launch configurations: what a group's instances are launched with, immutable once created. Handing an instance profile
 * to a launch configuration is handing its role to Auto Scaling (and through it to EC2), so iam:PassRole is asked here,
 * once; the group's launches later happen with Auto Scaling's own authority, as in AWS.
 */
final class LaunchConfigurationOperations
{
    private static final String PASSED_TO_SERVICE = "ec2.amazonaws.com";

    private final AutoScalingContext context;

    LaunchConfigurationOperations(AutoScalingContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    void register(OperationRegistry registry)
    {
        registry.register(CreateLaunchConfigurationRequest.class, this::createLaunchConfiguration)
                .register(DescribeLaunchConfigurationsRequest.class, this::describeLaunchConfigurations)
                .register(DeleteLaunchConfigurationRequest.class, this::deleteLaunchConfiguration);
    }

    CreateLaunchConfigurationResponse createLaunchConfiguration(CallContext call, CreateLaunchConfigurationRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        String name = requireNonNull(request.launchConfigurationName(), "the validator requires LaunchConfigurationName");
        if (request.instanceId() != null) {
            throw AutoScalingErrors.validation("Lanyard does not support creating a launch configuration from an instance (InstanceId) yet; give ImageId and InstanceType.");
        }
        if (request.imageId() == null || request.instanceType() == null) {
            throw AutoScalingErrors.validation("Valid requests must contain either the InstanceID parameter or both the ImageId and InstanceType parameters.");
        }
        if (!request.imageId().matches("ami-([0-9a-f]{8}|[0-9a-f]{17})")) {
            throw AutoScalingErrors.validation("The image id '[" + request.imageId() + "]' does not exist");
        }
        if (InstanceType.fromValue(request.instanceType()) == InstanceType.UNKNOWN_TO_SDK_VERSION) {
            throw AutoScalingErrors.validation("Invalid instance type: " + request.instanceType());
        }
        String entityName = AutoScalingKinds.entityName(region, name);
        String arn = "arn:aws:autoscaling:" + region + ":" + accountId + ":launchConfiguration:" + UUID.randomUUID() + ":launchConfigurationName/" + name;

        Optional<HandedProfile> profile = Optional.ofNullable(request.iamInstanceProfile()).map(given -> context.store().read(transaction -> {
            requireAbsent(transaction, accountId, entityName, name);
            return ServiceLaunches.findProfile(transaction, accountId, given).orElseThrow(() -> AutoScalingErrors.invalidInstanceProfile(given));
        }));
        // The policy decision reads the store and transactions do not nest: decide between the read and the write.
        profile.flatMap(HandedProfile::roleArn).ifPresent(roleArn -> context.accessControl().requirePassRole(call, roleArn, PASSED_TO_SERVICE, arn));

        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            requireAbsent(transaction, accountId, entityName, name);
            if (profile.isPresent() && !ServiceLaunches.findProfile(transaction, accountId, request.iamInstanceProfile()).equals(profile)) {
                throw AutoScalingErrors.validation("The instance profile " + request.iamInstanceProfile() + " changed during the request. Retry the request.");
            }
            boolean monitoring = request.instanceMonitoring() == null || !Boolean.FALSE.equals(request.instanceMonitoring().enabled());
            LaunchConfigurationBody body = new LaunchConfigurationBody(name, arn, request.imageId(), request.instanceType(), request.keyName(), request.securityGroups(),
                    request.iamInstanceProfile(), profile.map(HandedProfile::profileArn).orElse(null), request.userData(), monitoring, now.toString());
            transaction.insertEntity(Entity.create(accountId, AutoScalingKinds.LAUNCH_CONFIGURATION, entityName, entityName, AutoScalingKinds.regionPath(region),
                    EntityJson.write(body), now));
            return null;
        });
        return CreateLaunchConfigurationResponse.builder().build();
    }

    DescribeLaunchConfigurationsResponse describeLaunchConfigurations(CallContext call, DescribeLaunchConfigurationsRequest request)
    {
        return context.store().read(transaction -> {
            AutoScalingPaging.Page page = AutoScalingPaging.page(transaction, call.caller().accountId(), AutoScalingKinds.LAUNCH_CONFIGURATION, call.region(),
                    request.launchConfigurationNames(), request.maxRecords(), request.nextToken());
            return DescribeLaunchConfigurationsResponse.builder()
                    .launchConfigurations(page.items().stream().map(entity -> view(EntityJson.read(entity.body(), LaunchConfigurationBody.class))).toList())
                    .nextToken(page.nextToken().orElse(null))
                    .build();
        });
    }

    DeleteLaunchConfigurationResponse deleteLaunchConfiguration(CallContext call, DeleteLaunchConfigurationRequest request)
    {
        String accountId = call.caller().accountId();
        String name = requireNonNull(request.launchConfigurationName(), "the validator requires LaunchConfigurationName");
        String entityName = AutoScalingKinds.entityName(call.region(), name);
        context.store().write(transaction -> {
            if (transaction.entityById(accountId, AutoScalingKinds.LAUNCH_CONFIGURATION, entityName).isEmpty()) {
                throw AutoScalingErrors.launchConfigurationNotFound(name);
            }
            Optional<String> user = transaction.linksTo(accountId, AutoScalingKinds.GROUP_LAUNCH_CONFIGURATION, entityName).stream()
                    .map(Link::fromId)
                    .findFirst()
                    .flatMap(groupId -> transaction.entityById(accountId, AutoScalingKinds.GROUP, groupId))
                    .map(group -> EntityJson.read(group.body(), GroupBody.class).name());
            if (user.isPresent()) {
                throw AutoScalingErrors.resourceInUse("Cannot delete launch configuration " + name + " because it is attached to AutoScalingGroup " + user.get());
            }
            transaction.deleteEntity(accountId, AutoScalingKinds.LAUNCH_CONFIGURATION, entityName);
            return null;
        });
        return DeleteLaunchConfigurationResponse.builder().build();
    }

    /** The launch configuration of this name, or AWS's ValidationError. */
    static LaunchConfigurationBody require(ReadTransaction transaction, String accountId, String region, String name)
    {
        return transaction.entityById(accountId, AutoScalingKinds.LAUNCH_CONFIGURATION, AutoScalingKinds.entityName(region, name))
                .map(entity -> EntityJson.read(entity.body(), LaunchConfigurationBody.class))
                .orElseThrow(() -> AutoScalingErrors.launchConfigurationNotFound(name));
    }

    private static void requireAbsent(ReadTransaction transaction, String accountId, String entityName, String name)
    {
        if (transaction.entityById(accountId, AutoScalingKinds.LAUNCH_CONFIGURATION, entityName).isPresent()) {
            throw AutoScalingErrors.alreadyExists("Launch Configuration by this name already exists - A launch configuration already exists with the name " + name);
        }
    }

    private static LaunchConfiguration view(LaunchConfigurationBody body)
    {
        return LaunchConfiguration.builder()
                .launchConfigurationName(body.name())
                .launchConfigurationARN(body.arn())
                .imageId(body.imageId())
                .instanceType(body.instanceType())
                .keyName(body.keyName() == null ? "" : body.keyName())
                .securityGroups(body.securityGroups())
                .iamInstanceProfile(body.iamInstanceProfile())
                .userData(body.userData() == null ? "" : body.userData())
                .instanceMonitoring(InstanceMonitoring.builder().enabled(body.instanceMonitoring()).build())
                .kernelId("")
                .ramdiskId("")
                .blockDeviceMappings(List.of())
                .ebsOptimized(false)
                .createdTime(Instant.parse(body.createdTime()))
                .build();
    }
}
