package dev.lanyard.services.emr;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.ec2.ServiceLaunches;
import dev.lanyard.services.emr.ClusterBody.ClusterInstance;
import dev.lanyard.services.emr.ClusterBody.Group;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.store.Entity;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * RunJobFlow: a cluster of instance groups whose EC2 instances are launched through {@link ServiceLaunches} with the
 * cluster's instance profile, in the same write as the cluster. The roles are resolved and their trust checked in one
 * read, iam:PassRole decided outside any transaction (the decision reads the store), and the write re-reads the roles.
 */
final class RunJobFlowOperation
{
    /** EMR launches its own AMIs; there is no AMI catalog, so every cluster instance shows this well-formed id. */
    static final String EMR_IMAGE_ID = "ami-0e3a0000000000000";
    static final String JOB_FLOW_ID_TAG = "aws:elasticmapreduce:job-flow-id";
    static final String GROUP_ROLE_TAG = "aws:elasticmapreduce:instance-group-role";

    /** Every instance is written in the request's transaction, so a cluster is kept small (ours). */
    private static final int MAX_INSTANCES = 100;

    private final EmrContext context;
    private final EmrRoles roles;

    RunJobFlowOperation(EmrContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.roles = new EmrRoles(context.accessControl());
    }

    void register(OperationRegistry registry)
    {
        registry.register(RunJobFlowRequest.class, this::runJobFlow);
    }

    RunJobFlowResponse runJobFlow(CallContext call, RunJobFlowRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        String name = requireNonNull(request.name(), "the validator requires Name");
        JobFlowInstancesConfig instances = requireNonNull(request.instances(), "the validator requires Instances");
        if (!request.steps().isEmpty()) {
            throw EmrErrors.unsupported("Steps");
        }
        if (!request.bootstrapActions().isEmpty()) {
            throw EmrErrors.unsupported("BootstrapActions");
        }
        if (!instances.instanceFleets().isEmpty()) {
            throw EmrErrors.unsupported("instance fleets (InstanceFleets); use InstanceGroups");
        }
        if (request.jobFlowRole() == null) {
            throw EmrErrors.validation("InstanceProfile is required for creating cluster");
        }
        if (request.serviceRole() == null) {
            throw EmrErrors.validation("ServiceRole is required for creating cluster");
        }
        List<Group> groups = groups(instances);
        String availabilityZone = availabilityZone(region, instances);
        String clusterId = EmrIds.newId(EmrIds.CLUSTER);
        String clusterArn = "arn:aws:elasticmapreduce:" + region + ":" + accountId + ":cluster/" + clusterId;
        Optional<String> autoScalingRole = Optional.ofNullable(request.autoScalingRole());

        Instant now = context.clock().instant();
        HandedRoles handed = context.store().read(transaction ->
                EmrRoles.resolve(transaction, accountId, clusterArn, request.serviceRole(), request.jobFlowRole(), autoScalingRole, now));
        // The policy decision reads the store and transactions do not nest: decide between the read and the write.
        roles.requirePassRole(call, handed, clusterArn);

        List<StoredTag> tags = EmrTags.stored(request.tags());
        boolean keepAlive = Boolean.TRUE.equals(instances.keepJobFlowAliveWhenNoSteps());
        context.store().write(transaction -> {
            if (!EmrRoles.resolve(transaction, accountId, clusterArn, request.serviceRole(), request.jobFlowRole(), autoScalingRole, now).equals(handed)) {
                throw EmrErrors.validation("The roles of the cluster changed during the request. Retry the request.");
            }
            List<ClusterInstance> launched = launch(transaction, accountId, region, clusterId, groups, request.jobFlowRole(), instances.ec2KeyName(), availabilityZone, tags, now);
            ClusterBody body = new ClusterBody(clusterId, name, clusterArn, request.releaseLabel(), request.serviceRole(), request.jobFlowRole(),
                    handed.instanceProfile().profileArn(), request.autoScalingRole(), instances.ec2KeyName(), availabilityZone, keepAlive,
                    Boolean.TRUE.equals(instances.terminationProtected()), ClusterState.WAITING.toString(), null, null, now.toString(), null, tags, groups, launched);
            if (!keepAlive) {
                // Without steps there is nothing to run: a cluster that is not kept alive finishes at once, as AWS's does once ready.
                ServiceLaunches.terminate(transaction, accountId, region, launched.stream().map(ClusterInstance::ec2InstanceId).toList(), now);
                body = body.withState(ClusterState.TERMINATED.toString(), ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED.toString(), "Steps completed", now.toString());
            }
            transaction.insertEntity(Entity.create(accountId, ClusterBody.KIND, clusterId, clusterId, StoredClusters.regionPath(region), EntityJson.write(body), now));
            return null;
        });
        return RunJobFlowResponse.builder().jobFlowId(clusterId).clusterArn(clusterArn).build();
    }

    private static List<ClusterInstance> launch(WriteTransaction transaction, String accountId, String region, String clusterId, List<Group> groups, String instanceProfile,
            String keyName, String availabilityZone, List<StoredTag> clusterTags, Instant now)
    {
        List<ClusterInstance> launched = new ArrayList<>();
        for (Group group : groups) {
            List<StoredTag> tags = new ArrayList<>(clusterTags);
            tags.add(new StoredTag(JOB_FLOW_ID_TAG, clusterId));
            tags.add(new StoredTag(GROUP_ROLE_TAG, group.role()));
            ServiceLaunches.Launch launch = new ServiceLaunches.Launch(EMR_IMAGE_ID, group.instanceType(), Optional.ofNullable(keyName),
                    Optional.of(ServiceLaunches.specification(instanceProfile)), tags);
            for (String ec2InstanceId : ServiceLaunches.launch(transaction, accountId, region, launch, Collections.nCopies(group.count(), availabilityZone), now)) {
                launched.add(new ClusterInstance(EmrIds.newId(EmrIds.INSTANCE), ec2InstanceId, group.id(), group.instanceType()));
            }
        }
        return launched;
    }

    /** The instance groups, from InstanceGroups or the MasterInstanceType / SlaveInstanceType / InstanceCount shorthand. */
    private static List<Group> groups(JobFlowInstancesConfig instances)
    {
        List<Group> groups = new ArrayList<>();
        if (!instances.instanceGroups().isEmpty()) {
            for (InstanceGroupConfig config : instances.instanceGroups()) {
                InstanceRoleType role = config.instanceRole();
                if (role == null || role == InstanceRoleType.UNKNOWN_TO_SDK_VERSION) {
                    throw EmrErrors.validation("Invalid instance role: " + config.instanceRoleAsString());
                }
                if (role != InstanceRoleType.TASK && groups.stream().anyMatch(group -> group.role().equals(role.toString()))) {
                    throw EmrErrors.validation("Only one " + role + " instance group is allowed.");
                }
                groups.add(new Group(EmrIds.newId(EmrIds.INSTANCE_GROUP), role.toString(), instanceType(config.instanceType()), count(config.instanceCount())));
            }
        }
        else {
            if (instances.masterInstanceType() == null) {
                throw EmrErrors.validation("Either InstanceGroups or MasterInstanceType must be specified.");
            }
            int total = instances.instanceCount() == null ? 1 : count(instances.instanceCount());
            groups.add(new Group(EmrIds.newId(EmrIds.INSTANCE_GROUP), InstanceRoleType.MASTER.toString(), instanceType(instances.masterInstanceType()), 1));
            if (total > 1) {
                String slaveType = instances.slaveInstanceType() == null ? instances.masterInstanceType() : instances.slaveInstanceType();
                groups.add(new Group(EmrIds.newId(EmrIds.INSTANCE_GROUP), InstanceRoleType.CORE.toString(), instanceType(slaveType), total - 1));
            }
        }
        Optional<Group> master = groups.stream().filter(group -> group.role().equals(InstanceRoleType.MASTER.toString())).findFirst();
        if (master.isEmpty()) {
            throw EmrErrors.validation("A master instance group must be specified.");
        }
        if (master.get().count() != 1 && master.get().count() != 3) {
            throw EmrErrors.validation("The master instance group must have 1 or 3 instances.");
        }
        if (groups.stream().mapToInt(Group::count).sum() > MAX_INSTANCES) {
            throw EmrErrors.validation("Lanyard launches at most " + MAX_INSTANCES + " instances per cluster.");
        }
        return groups;
    }

    private static String instanceType(String instanceType)
    {
        if (instanceType == null || InstanceType.fromValue(instanceType) == InstanceType.UNKNOWN_TO_SDK_VERSION) {
            throw EmrErrors.validation("Instance type '" + instanceType + "' is not supported.");
        }
        return instanceType;
    }

    private static int count(Integer count)
    {
        if (count == null || count < 0) {
            throw EmrErrors.validation("The instance count of an instance group must not be negative.");
        }
        return count;
    }

    private static String availabilityZone(String region, JobFlowInstancesConfig instances)
    {
        if (instances.placement() == null || instances.placement().availabilityZone() == null) {
            return region + "a";
        }
        String zone = instances.placement().availabilityZone();
        if (!zone.matches(Pattern.quote(region) + "[a-f]")) {
            throw EmrErrors.validation("Invalid Availability Zone: " + zone);
        }
        return zone;
    }
}
