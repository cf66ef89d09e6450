package dev.lanyard.services.autoscaling;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.autoscaling.GroupBody.GroupInstance;
import dev.lanyard.services.autoscaling.GroupBody.GroupTag;
import dev.lanyard.services.ec2.ServiceLaunches;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityRequest;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityResponse;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Auto Scaling groups of launch-configuration instances. Every change of size is carried out in the same write
 * ({@link GroupScaling}): Describe shows the group at its desired capacity right after the call, instances InService.
 * Launch templates and mixed instances policies are refused with a ValidationError that says so.
 */
final class AutoScalingGroupOperations
{
    private static final int DEFAULT_COOLDOWN = 300;
    private static final String DEFAULT_HEALTH_CHECK_TYPE = "EC2";

    private final AutoScalingContext context;
    private final ServiceLinkedRole serviceLinkedRole;

    AutoScalingGroupOperations(AutoScalingContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.serviceLinkedRole = new ServiceLinkedRole(context);
    }

    void register(OperationRegistry registry)
    {
        registry.register(CreateAutoScalingGroupRequest.class, this::createAutoScalingGroup)
                .register(DescribeAutoScalingGroupsRequest.class, this::describeAutoScalingGroups)
                .register(UpdateAutoScalingGroupRequest.class, this::updateAutoScalingGroup)
                .register(SetDesiredCapacityRequest.class, this::setDesiredCapacity)
                .register(DeleteAutoScalingGroupRequest.class, this::deleteAutoScalingGroup);
    }

    CreateAutoScalingGroupResponse createAutoScalingGroup(CallContext call, CreateAutoScalingGroupRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        String name = requireNonNull(request.autoScalingGroupName(), "the validator requires AutoScalingGroupName");
        refuseUnsupported(request.launchTemplate() != null, request.mixedInstancesPolicy() != null);
        if (request.instanceId() != null) {
            throw AutoScalingErrors.unsupported("creating a group from an instance (InstanceId)");
        }
        String launchConfigurationName = request.launchConfigurationName();
        if (launchConfigurationName == null) {
            throw AutoScalingErrors.validation("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
        }
        int minSize = requireNonNull(request.minSize(), "the validator requires MinSize");
        int maxSize = requireNonNull(request.maxSize(), "the validator requires MaxSize");
        int desired = request.desiredCapacity() == null ? minSize : request.desiredCapacity();
        checkSizes(minSize, maxSize, desired);
        Zones zones = Zones.of(region, request.availabilityZones(), request.vpcZoneIdentifier()).orElseThrow(
                () -> AutoScalingErrors.validation("At least one Availability Zone or VPC Subnet is required."));
        List<GroupTag> tags = tags(request.tags());
        String entityName = AutoScalingKinds.entityName(region, name);
        context.store().read(transaction -> {
            requireAbsent(transaction, accountId, entityName, name);
            return LaunchConfigurationOperations.require(transaction, accountId, region, launchConfigurationName);
        });
        String roleArn = serviceLinkedRole.resolve(call, Optional.ofNullable(request.serviceLinkedRoleARN()));

        Instant now = context.clock().instant();
        String arn = "arn:aws:autoscaling:" + region + ":" + accountId + ":autoScalingGroup:" + UUID.randomUUID() + ":autoScalingGroupName/" + name;
        GroupBody body = new GroupBody(name, arn, launchConfigurationName, minSize, maxSize, desired,
                request.defaultCooldown() == null ? DEFAULT_COOLDOWN : request.defaultCooldown(), zones.availabilityZones(), zones.vpcZoneIdentifier(),
                request.healthCheckType() == null ? DEFAULT_HEALTH_CHECK_TYPE : request.healthCheckType(),
                request.healthCheckGracePeriod() == null ? 0 : request.healthCheckGracePeriod(), tags, roleArn, now.toString(), List.of());
        context.store().write(transaction -> {
            requireAbsent(transaction, accountId, entityName, name);
            LaunchConfigurationOperations.require(transaction, accountId, region, launchConfigurationName);
            Entity group = Entity.create(accountId, AutoScalingKinds.GROUP, entityName, entityName, AutoScalingKinds.regionPath(region), EntityJson.write(body), now);
            transaction.insertEntity(group);
            transaction.insertLink(new Link(accountId, AutoScalingKinds.GROUP_LAUNCH_CONFIGURATION, entityName, AutoScalingKinds.entityName(region, launchConfigurationName)));
            GroupScaling.reconcile(transaction, transaction.entityById(accountId, AutoScalingKinds.GROUP, entityName).orElseThrow(), body, region, now);
            return null;
        });
        return CreateAutoScalingGroupResponse.builder().build();
    }

    DescribeAutoScalingGroupsResponse describeAutoScalingGroups(CallContext call, DescribeAutoScalingGroupsRequest request)
    {
        if (!request.filters().isEmpty()) {
            throw AutoScalingErrors.validation("Lanyard does not support Filters in DescribeAutoScalingGroups yet; name the groups with AutoScalingGroupNames.");
        }
        String accountId = call.caller().accountId();
        String region = call.region();
        return context.store().read(transaction -> {
            AutoScalingPaging.Page page = AutoScalingPaging.page(transaction, accountId, AutoScalingKinds.GROUP, region, request.autoScalingGroupNames(),
                    request.maxRecords(), request.nextToken());
            List<AutoScalingGroup> groups = page.items().stream().map(entity -> GroupViews.group(liveView(transaction, entity, region))).toList();
            return DescribeAutoScalingGroupsResponse.builder().autoScalingGroups(groups).nextToken(page.nextToken().orElse(null)).build();
        });
    }

    UpdateAutoScalingGroupResponse updateAutoScalingGroup(CallContext call, UpdateAutoScalingGroupRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        refuseUnsupported(request.launchTemplate() != null, request.mixedInstancesPolicy() != null);
        Optional<Zones> zones = Zones.of(region, request.availabilityZones(), request.vpcZoneIdentifier());
        changeGroup(call, request.autoScalingGroupName(), (transaction, group, body, now) -> {
            String launchConfigurationName = body.launchConfigurationName();
            if (request.launchConfigurationName() != null && !request.launchConfigurationName().equals(launchConfigurationName)) {
                LaunchConfigurationOperations.require(transaction, accountId, region, request.launchConfigurationName());
                transaction.deleteLink(new Link(accountId, AutoScalingKinds.GROUP_LAUNCH_CONFIGURATION, group.id(), AutoScalingKinds.entityName(region, launchConfigurationName)));
                launchConfigurationName = request.launchConfigurationName();
                transaction.insertLink(new Link(accountId, AutoScalingKinds.GROUP_LAUNCH_CONFIGURATION, group.id(), AutoScalingKinds.entityName(region, launchConfigurationName)));
            }
            int minSize = request.minSize() == null ? body.minSize() : request.minSize();
            int maxSize = request.maxSize() == null ? body.maxSize() : request.maxSize();
            // A new bound without a new DesiredCapacity moves the desired capacity inside it, as AWS does.
            int desired = request.desiredCapacity() == null ? Math.clamp(body.desiredCapacity(), Math.min(minSize, maxSize), maxSize) : request.desiredCapacity();
            checkSizes(minSize, maxSize, desired);
            GroupBody updated = body.withSizes(minSize, maxSize, desired).withSettings(
                    launchConfigurationName,
                    zones.map(Zones::availabilityZones).orElse(body.availabilityZones()),
                    zones.isPresent() ? zones.get().vpcZoneIdentifier() : body.vpcZoneIdentifier(),
                    request.defaultCooldown() == null ? body.defaultCooldown() : request.defaultCooldown(),
                    request.healthCheckType() == null ? body.healthCheckType() : request.healthCheckType(),
                    request.healthCheckGracePeriod() == null ? body.healthCheckGracePeriod() : request.healthCheckGracePeriod());
            GroupScaling.reconcile(transaction, group, updated, region, now);
        });
        return UpdateAutoScalingGroupResponse.builder().build();
    }

    SetDesiredCapacityResponse setDesiredCapacity(CallContext call, SetDesiredCapacityRequest request)
    {
        int desired = requireNonNull(request.desiredCapacity(), "the validator requires DesiredCapacity");
        changeGroup(call, request.autoScalingGroupName(), (transaction, group, body, now) -> {
            if (desired > body.maxSize()) {
                throw AutoScalingErrors.validation("New SetDesiredCapacity value " + desired + " is above max value " + body.maxSize() + " for the AutoScalingGroup.");
            }
            if (desired < body.minSize()) {
                throw AutoScalingErrors.validation("New SetDesiredCapacity value " + desired + " is below min value " + body.minSize() + " for the AutoScalingGroup.");
            }
            GroupScaling.reconcile(transaction, group, body.withSizes(body.minSize(), body.maxSize(), desired), call.region(), now);
        });
        return SetDesiredCapacityResponse.builder().build();
    }

    DeleteAutoScalingGroupResponse deleteAutoScalingGroup(CallContext call, DeleteAutoScalingGroupRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        boolean force = Boolean.TRUE.equals(request.forceDelete());
        changeGroup(call, request.autoScalingGroupName(), (transaction, group, stored, now) -> {
            GroupBody body = liveView(transaction, group, region);
            if (!body.instances().isEmpty() && !force) {
                throw AutoScalingErrors.resourceInUse("You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
            }
            for (GroupInstance instance : stored.instances()) {
                GroupScaling.remove(transaction, group, instance.instanceId(), region, now);
            }
            transaction.deleteLink(new Link(accountId, AutoScalingKinds.GROUP_LAUNCH_CONFIGURATION, group.id(), AutoScalingKinds.entityName(region, body.launchConfigurationName())));
            transaction.deleteEntity(accountId, AutoScalingKinds.GROUP, group.id());
        });
        return DeleteAutoScalingGroupResponse.builder().build();
    }

    @FunctionalInterface
    private interface GroupChange
    {
        void apply(WriteTransaction transaction, Entity group, GroupBody body, Instant now);
    }

    /** One write on the named group of the caller's account and region, or AWS's ValidationError when there is none. */
    private void changeGroup(CallContext call, String name, GroupChange change)
    {
        requireNonNull(name, "the validator requires AutoScalingGroupName");
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            Entity group = requireGroup(transaction, accountId, call.region(), name);
            change.apply(transaction, group, EntityJson.read(group.body(), GroupBody.class), now);
            return null;
        });
    }

    static Entity requireGroup(ReadTransaction transaction, String accountId, String region, String name)
    {
        return transaction.entityById(accountId, AutoScalingKinds.GROUP, AutoScalingKinds.entityName(region, name))
                .orElseThrow(() -> AutoScalingErrors.groupNotFound(name));
    }

    /** The group without the instances terminated through EC2 directly: they have left it. */
    static GroupBody liveView(ReadTransaction transaction, Entity group, String region)
    {
        GroupBody body = EntityJson.read(group.body(), GroupBody.class);
        return body.withInstances(body.instances().stream()
                .filter(instance -> ServiceLaunches.isLive(transaction, group.accountId(), region, instance.instanceId()))
                .toList());
    }

    private static void refuseUnsupported(boolean launchTemplate, boolean mixedInstancesPolicy)
    {
        if (launchTemplate) {
            throw AutoScalingErrors.unsupported("launch templates (LaunchTemplate)");
        }
        if (mixedInstancesPolicy) {
            throw AutoScalingErrors.unsupported("mixed instances policies (MixedInstancesPolicy)");
        }
    }

    private static void checkSizes(int minSize, int maxSize, int desired)
    {
        if (minSize > maxSize) {
            throw AutoScalingErrors.validation("Max bound, " + maxSize + ", must be greater than or equal to min bound, " + minSize);
        }
        if (desired < minSize || desired > maxSize) {
            throw AutoScalingErrors.desiredOutOfRange(desired, minSize, maxSize);
        }
        if (desired > GroupScaling.MAX_GROUP_INSTANCES) {
            throw AutoScalingErrors.limitExceeded("Lanyard runs at most " + GroupScaling.MAX_GROUP_INSTANCES + " instances in one Auto Scaling group; DesiredCapacity " + desired
                    + " is more.");
        }
    }

    private static void requireAbsent(ReadTransaction transaction, String accountId, String entityName, String name)
    {
        if (transaction.entityById(accountId, AutoScalingKinds.GROUP, entityName).isPresent()) {
            throw AutoScalingErrors.alreadyExists("AutoScalingGroup by this name already exists - A group with the name " + name + " already exists");
        }
    }

    private static List<GroupTag> tags(List<Tag> tags)
    {
        Map<String, GroupTag> byKey = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw AutoScalingErrors.validation("Tag key cannot be empty.");
            }
            if (tag.key().startsWith("aws:")) {
                throw AutoScalingErrors.validation("Tag keys starting with 'aws:' are reserved for internal use.");
            }
            byKey.put(tag.key(), new GroupTag(tag.key(), tag.value(), Boolean.TRUE.equals(tag.propagateAtLaunch())));
        }
        return new ArrayList<>(byKey.values());
    }

    /** Where a group launches: the zones given, or the subnets given (not modelled: their instances go to the region's zone a). */
    private record Zones(List<String> availabilityZones, String vpcZoneIdentifier)
    {
        private static final Pattern SUBNET_ID = Pattern.compile("subnet-([0-9a-f]{8}|[0-9a-f]{17})");

        /** Empty when neither is given. */
        static Optional<Zones> of(String region, List<String> availabilityZones, String vpcZoneIdentifier)
        {
            if (vpcZoneIdentifier != null && !vpcZoneIdentifier.isBlank()) {
                for (String subnet : vpcZoneIdentifier.split(",", -1)) {
                    if (!SUBNET_ID.matcher(subnet.strip()).matches()) {
                        throw AutoScalingErrors.validation("The subnet ID '" + subnet.strip() + "' does not exist");
                    }
                }
                return Optional.of(new Zones(List.of(region + "a"), vpcZoneIdentifier));
            }
            if (availabilityZones.isEmpty()) {
                return Optional.empty();
            }
            List<String> zones = new ArrayList<>();
            for (String zone : availabilityZones) {
                if (zone == null || !zone.matches(Pattern.quote(region) + "[a-f]")) {
                    throw AutoScalingErrors.validation("Invalid Availability Zone: " + zone);
                }
                if (!zones.contains(zone)) {
                    zones.add(zone);
                }
            }
            return Optional.of(new Zones(zones, null));
        }
    }
}
