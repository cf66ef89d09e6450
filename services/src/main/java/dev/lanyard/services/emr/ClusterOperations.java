package dev.lanyard.services.emr;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.ec2.ServiceLaunches;
import dev.lanyard.services.emr.ClusterBody.ClusterInstance;
import dev.lanyard.services.emr.ClusterBody.Group;
import dev.lanyard.services.emr.StoredClusters.StoredCluster;
import dev.lanyard.services.iam.StoredTag;
import software.amazon.awssdk.services.emr.model.AddTagsRequest;
import software.amazon.awssdk.services.emr.model.AddTagsResponse;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceState;
import software.amazon.awssdk.services.emr.model.ListBootstrapActionsRequest;
import software.amazon.awssdk.services.emr.model.ListBootstrapActionsResponse;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsResponse;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.ListInstancesRequest;
import software.amazon.awssdk.services.emr.model.ListInstancesResponse;
import software.amazon.awssdk.services.emr.model.RemoveTagsRequest;
import software.amazon.awssdk.services.emr.model.RemoveTagsResponse;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionRequest;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionResponse;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** The cluster operations after RunJobFlow: describing and listing, termination and its protection, tags. */
final class ClusterOperations
{
    /** ListClusters and ListInstances answer pages of 50, as AWS documents. */
    private static final int PAGE_SIZE = 50;

    private final EmrContext context;

    ClusterOperations(EmrContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    void register(OperationRegistry registry)
    {
        registry.register(DescribeClusterRequest.class, this::describeCluster)
                .register(ListClustersRequest.class, this::listClusters)
                .register(ListInstanceGroupsRequest.class, this::listInstanceGroups)
                .register(ListBootstrapActionsRequest.class, this::listBootstrapActions)
                .register(ListInstancesRequest.class, this::listInstances)
                .register(TerminateJobFlowsRequest.class, this::terminateJobFlows)
                .register(SetTerminationProtectionRequest.class, this::setTerminationProtection)
                .register(AddTagsRequest.class, this::addTags)
                .register(RemoveTagsRequest.class, this::removeTags);
    }

    DescribeClusterResponse describeCluster(CallContext call, DescribeClusterRequest request)
    {
        String clusterId = requireNonNull(request.clusterId(), "the validator requires ClusterId");
        ClusterBody body = context.store().read(transaction -> StoredClusters.require(transaction, call.caller().accountId(), call.region(), clusterId).body());
        return DescribeClusterResponse.builder().cluster(ClusterViews.cluster(body)).build();
    }

    ListClustersResponse listClusters(CallContext call, ListClustersRequest request)
    {
        Set<String> states = request.clusterStates().stream().map(ClusterState::toString).collect(Collectors.toSet());
        List<ClusterBody> clusters = context.store().read(transaction -> StoredClusters.all(transaction, call.caller().accountId(), call.region())).stream()
                .filter(cluster -> states.isEmpty() || states.contains(cluster.state()))
                .filter(cluster -> request.createdAfter() == null || !Instant.parse(cluster.creationTime()).isBefore(request.createdAfter()))
                .filter(cluster -> request.createdBefore() == null || !Instant.parse(cluster.creationTime()).isAfter(request.createdBefore()))
                // Newest first, as AWS lists them.
                .sorted(Comparator.comparing(ClusterBody::creationTime).reversed().thenComparing(ClusterBody::id))
                .toList();
        Page<ClusterBody> page = Page.of(clusters, request.marker(), ClusterBody::id);
        return ListClustersResponse.builder()
                .clusters(page.items().stream().map(ClusterViews::summary).toList())
                .marker(page.marker())
                .build();
    }

    ListInstanceGroupsResponse listInstanceGroups(CallContext call, ListInstanceGroupsRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        String clusterId = requireNonNull(request.clusterId(), "the validator requires ClusterId");
        return context.store().read(transaction -> {
            ClusterBody cluster = StoredClusters.require(transaction, accountId, region, clusterId).body();
            Page<Group> page = Page.of(cluster.groups(), request.marker(), Group::id);
            List<InstanceGroup> groups = page.items().stream()
                    .map(group -> ClusterViews.group(group, (int) cluster.instances().stream()
                            .filter(instance -> instance.groupId().equals(group.id()) && ServiceLaunches.isLive(transaction, accountId, region, instance.ec2InstanceId()))
                            .count(), terminated(cluster)))
                    .toList();
            return ListInstanceGroupsResponse.builder().instanceGroups(groups).marker(page.marker()).build();
        });
    }

    /** Bootstrap actions are not supported (RunJobFlow refuses them): every cluster has none. */
    ListBootstrapActionsResponse listBootstrapActions(CallContext call, ListBootstrapActionsRequest request)
    {
        String clusterId = requireNonNull(request.clusterId(), "the validator requires ClusterId");
        context.store().read(transaction -> StoredClusters.require(transaction, call.caller().accountId(), call.region(), clusterId));
        return ListBootstrapActionsResponse.builder().bootstrapActions(List.of()).build();
    }

    ListInstancesResponse listInstances(CallContext call, ListInstancesRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        String clusterId = requireNonNull(request.clusterId(), "the validator requires ClusterId");
        if (request.instanceFleetId() != null || request.instanceFleetType() != null) {
            throw EmrErrors.invalidRequest("Cluster " + clusterId + " does not use instance fleets.");
        }
        Set<String> groupRoles = request.instanceGroupTypes().stream().map(Object::toString).collect(Collectors.toSet());
        Set<String> instanceStates = request.instanceStates().stream().map(InstanceState::toString).collect(Collectors.toSet());
        return context.store().read(transaction -> {
            ClusterBody cluster = StoredClusters.require(transaction, accountId, region, clusterId).body();
            Map<String, String> roleOfGroup = new LinkedHashMap<>();
            cluster.groups().forEach(group -> roleOfGroup.put(group.id(), group.role()));
            if (request.instanceGroupId() != null && !roleOfGroup.containsKey(request.instanceGroupId())) {
                throw EmrErrors.invalidRequest("Instance group id '" + request.instanceGroupId() + "' is not valid.");
            }
            List<ClusterInstance> instances = new ArrayList<>();
            Map<String, Boolean> live = new LinkedHashMap<>();
            for (ClusterInstance instance : cluster.instances()) {
                boolean running = ServiceLaunches.isLive(transaction, accountId, region, instance.ec2InstanceId());
                if ((request.instanceGroupId() == null || request.instanceGroupId().equals(instance.groupId()))
                        && (groupRoles.isEmpty() || groupRoles.contains(roleOfGroup.get(instance.groupId())))
                        && (instanceStates.isEmpty() || instanceStates.contains(ClusterViews.instanceState(running).toString()))) {
                    instances.add(instance);
                    live.put(instance.id(), running);
                }
            }
            Page<ClusterInstance> page = Page.of(instances, request.marker(), ClusterInstance::id);
            return ListInstancesResponse.builder()
                    .instances(page.items().stream().map(instance -> ClusterViews.instance(instance, live.get(instance.id()))).toList())
                    .marker(page.marker())
                    .build();
        });
    }

    TerminateJobFlowsResponse terminateJobFlows(CallContext call, TerminateJobFlowsRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            List<StoredCluster> clusters = StoredClusters.requireAll(transaction, accountId, region, request.jobFlowIds());
            if (clusters.stream().anyMatch(cluster -> cluster.body().terminationProtected() && !terminated(cluster.body()))) {
                throw EmrErrors.validation("Could not shut down one or more job flows since they are termination protected.");
            }
            for (StoredCluster cluster : clusters) {
                if (terminated(cluster.body())) {
                    continue;
                }
                ServiceLaunches.terminate(transaction, accountId, region, cluster.body().instances().stream().map(ClusterInstance::ec2InstanceId).toList(), now);
                StoredClusters.update(transaction, cluster, cluster.body().withState(ClusterState.TERMINATED.toString(),
                        ClusterStateChangeReasonCode.USER_REQUEST.toString(), "Terminated by user request", now.toString()));
            }
            return null;
        });
        return TerminateJobFlowsResponse.builder().build();
    }

    SetTerminationProtectionResponse setTerminationProtection(CallContext call, SetTerminationProtectionRequest request)
    {
        boolean protect = requireNonNull(request.terminationProtected(), "the validator requires TerminationProtected");
        String accountId = call.caller().accountId();
        String region = call.region();
        context.store().write(transaction -> {
            List<StoredCluster> clusters = StoredClusters.requireAll(transaction, accountId, region, request.jobFlowIds());
            clusters.forEach(cluster -> StoredClusters.update(transaction, cluster, cluster.body().withTerminationProtected(protect)));
            return null;
        });
        return SetTerminationProtectionResponse.builder().build();
    }

    AddTagsResponse addTags(CallContext call, AddTagsRequest request)
    {
        List<StoredTag> added = EmrTags.stored(request.tags());
        changeTags(call, request.resourceId(), tags -> {
            Map<String, StoredTag> byKey = new LinkedHashMap<>();
            tags.forEach(tag -> byKey.put(tag.key(), tag));
            added.forEach(tag -> byKey.put(tag.key(), tag));
            return List.copyOf(byKey.values());
        });
        return AddTagsResponse.builder().build();
    }

    RemoveTagsResponse removeTags(CallContext call, RemoveTagsRequest request)
    {
        changeTags(call, request.resourceId(), tags -> tags.stream().filter(tag -> !request.tagKeys().contains(tag.key())).toList());
        return RemoveTagsResponse.builder().build();
    }

    private void changeTags(CallContext call, String resourceId, UnaryOperator<List<StoredTag>> change)
    {
        String clusterId = requireNonNull(resourceId, "the validator requires ResourceId");
        context.store().write(transaction -> {
            StoredCluster cluster = StoredClusters.require(transaction, call.caller().accountId(), call.region(), clusterId);
            StoredClusters.update(transaction, cluster, cluster.body().withTags(change.apply(cluster.body().tags())));
            return null;
        });
    }

    private static boolean terminated(ClusterBody cluster)
    {
        return cluster.state().equals(ClusterState.TERMINATED.toString()) || cluster.state().equals(ClusterState.TERMINATED_WITH_ERRORS.toString());
    }

    /** One page of a list ordered by the caller; the marker is the key of the page's last item. */
    private record Page<T>(List<T> items, String marker)
    {
        static <T> Page<T> of(List<T> all, String marker, Function<T, String> key)
        {
            int start = 0;
            if (marker != null) {
                int index = 0;
                while (index < all.size() && !key.apply(all.get(index)).equals(marker)) {
                    index++;
                }
                if (index == all.size()) {
                    throw EmrErrors.invalidRequest("Marker '" + marker + "' is not valid.");
                }
                start = index + 1;
            }
            int end = Math.min(all.size(), start + PAGE_SIZE);
            List<T> items = all.subList(start, end);
            return new Page<>(items, end < all.size() ? key.apply(all.get(end - 1)) : null);
        }
    }
}
