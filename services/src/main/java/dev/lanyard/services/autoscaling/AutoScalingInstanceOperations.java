package dev.lanyard.services.autoscaling;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.autoscaling.GroupBody.GroupInstance;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** The instances of the account's groups, by instance id, and terminating one of them with or without a replacement. */
final class AutoScalingInstanceOperations
{
    private static final int GROUPS_PER_READ = 500;

    private final AutoScalingContext context;

    AutoScalingInstanceOperations(AutoScalingContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    void register(OperationRegistry registry)
    {
        registry.register(DescribeAutoScalingInstancesRequest.class, this::describeAutoScalingInstances)
                .register(TerminateInstanceInAutoScalingGroupRequest.class, this::terminateInstanceInAutoScalingGroup);
    }

    /** Ordered by instance id; the NextToken is the last id of the page. */
    DescribeAutoScalingInstancesResponse describeAutoScalingInstances(CallContext call, DescribeAutoScalingInstancesRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        int limit = AutoScalingPaging.maxRecords(request.maxRecords());
        String after = request.nextToken();
        if (after != null && !after.matches("i-[0-9a-f]{8,17}")) {
            throw AutoScalingErrors.validation("The NextToken value is invalid.");
        }
        Set<String> wanted = new HashSet<>(request.instanceIds());
        List<AutoScalingInstanceDetails> details = context.store().read(transaction -> {
            List<AutoScalingInstanceDetails> found = new ArrayList<>();
            for (Entity group : groups(transaction, accountId, region)) {
                GroupBody body = AutoScalingGroupOperations.liveView(transaction, group, region);
                for (GroupInstance instance : body.instances()) {
                    if ((wanted.isEmpty() || wanted.contains(instance.instanceId())) && (after == null || instance.instanceId().compareTo(after) > 0)) {
                        found.add(GroupViews.details(body, instance));
                    }
                }
            }
            found.sort(Comparator.comparing(AutoScalingInstanceDetails::instanceId));
            return found;
        });
        if (details.size() > limit) {
            List<AutoScalingInstanceDetails> page = details.subList(0, limit);
            return DescribeAutoScalingInstancesResponse.builder().autoScalingInstances(page).nextToken(page.getLast().instanceId()).build();
        }
        return DescribeAutoScalingInstancesResponse.builder().autoScalingInstances(details).build();
    }

    TerminateInstanceInAutoScalingGroupResponse terminateInstanceInAutoScalingGroup(CallContext call, TerminateInstanceInAutoScalingGroupRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        String instanceId = requireNonNull(request.instanceId(), "the validator requires InstanceId");
        boolean decrement = Boolean.TRUE.equals(request.shouldDecrementDesiredCapacity());
        Instant now = context.clock().instant();
        GroupBody group = context.store().write(transaction -> {
            Entity entity = groupOf(transaction, accountId, region, instanceId)
                    .orElseThrow(() -> AutoScalingErrors.validation("Instance Id not found - No managed instance found for instance ID: " + instanceId));
            GroupBody body = EntityJson.read(entity.body(), GroupBody.class);
            int desired = body.desiredCapacity();
            if (decrement) {
                if (desired - 1 < body.minSize()) {
                    throw AutoScalingErrors.validation("Currently, desiredSize equals minSize (" + body.minSize() + "). Terminating instance without replacement will violate group's min size "
                            + "constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
                }
                desired--;
            }
            GroupScaling.remove(transaction, entity, instanceId, region, now);
            List<GroupInstance> remaining = body.instances().stream().filter(instance -> !instance.instanceId().equals(instanceId)).toList();
            // Without the decrement the group is below its desired capacity and launches a replacement at once.
            return GroupScaling.reconcile(transaction, entity, body.withInstances(remaining).withSizes(body.minSize(), body.maxSize(), desired), region, now);
        });
        String cause = "At " + now + " instance " + instanceId + " was taken out of service in response to a user request"
                + (decrement ? ", shrinking the capacity from " + (group.desiredCapacity() + 1) + " to " + group.desiredCapacity() + "." : ".");
        return TerminateInstanceInAutoScalingGroupResponse.builder()
                .activity(Activity.builder()
                        .activityId(UUID.randomUUID().toString())
                        .autoScalingGroupName(group.name())
                        .autoScalingGroupARN(group.arn())
                        .description("Terminating EC2 instance: " + instanceId)
                        .cause(cause)
                        .startTime(now)
                        .statusCode(ScalingActivityStatusCode.IN_PROGRESS)
                        .progress(0)
                        .details("{}")
                        .build())
                .build();
    }

    private static Optional<Entity> groupOf(ReadTransaction transaction, String accountId, String region, String instanceId)
    {
        return transaction.linksTo(accountId, AutoScalingKinds.GROUP_INSTANCE, instanceId).stream()
                .map(Link::fromId)
                .findFirst()
                .flatMap(groupId -> transaction.entityById(accountId, AutoScalingKinds.GROUP, groupId))
                .filter(group -> group.path().equals(AutoScalingKinds.regionPath(region)));
    }

    private static List<Entity> groups(ReadTransaction transaction, String accountId, String region)
    {
        List<Entity> groups = new ArrayList<>();
        String after = null;
        while (true) {
            List<Entity> batch = transaction.entities(accountId, AutoScalingKinds.GROUP, AutoScalingKinds.regionPath(region), after, GROUPS_PER_READ);
            groups.addAll(batch);
            if (batch.size() < GROUPS_PER_READ) {
                return groups;
            }
            after = batch.getLast().name();
        }
    }
}
