package dev.lanyard.services.ec2;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RebootInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * EC2 instances: launch, describe, and the state changes, which take effect at once (Describe shows running, stopped or
 * terminated right after the call; the call's own answer shows the transitional state AWS answers with). There is no
 * AMI catalog, VPC or capacity behind them: any well-formed image id launches. Terminated instances stay visible.
 */
public final class InstanceOperations
{
    /** At most this many instances per RunInstances: AWS's classic default On-Demand limit, and a bound on one write. */
    static final int INSTANCES_PER_LAUNCH = 20;
    static final String DEFAULT_INSTANCE_TYPE = "m1.small";
    private static final DateTimeFormatter TRANSITION_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);

    private final Ec2Context context;
    private final InstanceProfiles profiles;

    public InstanceOperations(Ec2Context context)
    {
        this.context = requireNonNull(context, "context is null");
        this.profiles = new InstanceProfiles(context.accessControl());
    }

    public void register(OperationRegistry registry)
    {
        registry.register(RunInstancesRequest.class, this::runInstances)
                .register(DescribeInstancesRequest.class, this::describeInstances)
                .register(TerminateInstancesRequest.class, this::terminateInstances)
                .register(StopInstancesRequest.class, this::stopInstances)
                .register(StartInstancesRequest.class, this::startInstances)
                .register(RebootInstancesRequest.class, this::rebootInstances);
    }

    public RunInstancesResponse runInstances(CallContext call, RunInstancesRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        LaunchRequest launch = LaunchRequest.of(request, region);
        Optional<String> clientTokenName = launch.clientToken().map(token -> clientTokenName(region, token));

        Optional<RunInstancesResponse> replay = clientTokenName.flatMap(name -> context.store().read(transaction -> replay(transaction, accountId, region, name)));
        if (replay.isPresent()) {
            return replay.get();
        }
        Optional<PassedProfile> profile = request.iamInstanceProfile() == null
                ? Optional.empty()
                : Optional.of(context.store().read(transaction -> InstanceProfiles.resolve(transaction, accountId, request.iamInstanceProfile())));
        List<String> instanceIds = new ArrayList<>();
        for (int index = 0; index < launch.count(); index++) {
            instanceIds.add(Ec2Ids.newId(Ec2Ids.INSTANCE));
        }
        if (profile.isPresent()) {
            profiles.requirePassRole(call, profile.get(), instanceIds.stream().map(id -> InstanceProfiles.instanceArn(region, accountId, id)).toList());
        }
        if (Boolean.TRUE.equals(request.dryRun())) {
            throw Ec2Errors.dryRun();
        }

        Instant now = context.clock().instant();
        String reservationId = Ec2Ids.newId(Ec2Ids.RESERVATION);
        return context.store().write(transaction -> {
            Optional<RunInstancesResponse> raced = clientTokenName.flatMap(name -> replay(transaction, accountId, region, name));
            if (raced.isPresent()) {
                return raced.get();
            }
            Optional<PassedProfile> current = profile.map(authorized -> InstanceProfiles.recheck(transaction, accountId, authorized));
            List<Instance> instances = new ArrayList<>();
            for (int index = 0; index < instanceIds.size(); index++) {
                String instanceId = instanceIds.get(index);
                InstanceBody body = new InstanceBody(reservationId, launch.imageId(), launch.instanceType(), InstanceStateName.RUNNING.toString(), launch.availabilityZone(),
                        PrivateAddresses.next(), index, now.toString(), launch.clientToken().orElse(""), request.keyName(), "", launch.tags());
                Entity instance = Entity.create(accountId, Ec2Kinds.INSTANCE, instanceId, instanceId, Ec2Kinds.regionPath(region), EntityJson.write(body), now);
                transaction.insertEntity(instance);
                Optional<Entity> association = current.map(passed -> Associations.insert(transaction, instance, passed, now));
                instances.add(InstanceViews.instance(new StoredInstance(instance, body, association), region, InstanceStateName.PENDING));
            }
            clientTokenName.ifPresent(name -> transaction.insertEntity(Entity.create(accountId, Ec2Kinds.CLIENT_TOKEN, name, name, Ec2Kinds.regionPath(region),
                    EntityJson.write(new ClientTokenBody(reservationId, instanceIds)), now)));
            return RunInstancesResponse.builder()
                    .reservationId(reservationId)
                    .ownerId(accountId)
                    .groups(List.of())
                    .instances(instances)
                    .build();
        });
    }

    public DescribeInstancesResponse describeInstances(CallContext call, DescribeInstancesRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        if (!request.instanceIds().isEmpty() && request.maxResults() != null) {
            throw Ec2Errors.invalidParameterCombination("The parameter instancesSet cannot be used with the parameter maxResults");
        }
        Optional<Integer> maxResults = Ec2Paging.maxResults(request.maxResults());
        Optional<String> after = Ec2Paging.after(request.nextToken(), Ec2Ids::isInstanceId);
        List<String> instanceIds = wellFormedInstanceIds(request.instanceIds());
        Predicate<StoredInstance> matches = InstanceFilters.FILTERS.compile(request.filters());
        if (Boolean.TRUE.equals(request.dryRun())) {
            throw Ec2Errors.dryRun();
        }
        return context.store().read(transaction -> {
            List<StoredInstance> instances;
            Optional<String> nextToken = Optional.empty();
            if (!instanceIds.isEmpty()) {
                instances = requireInstances(transaction, accountId, region, instanceIds).stream().filter(matches).toList();
            }
            else {
                Ec2Paging.Page page = Ec2Paging.page(transaction, accountId, Ec2Kinds.INSTANCE, region, after, maxResults,
                        entity -> matches.test(StoredInstance.load(transaction, entity)));
                instances = page.items().stream().map(entity -> StoredInstance.load(transaction, entity)).toList();
                nextToken = page.nextToken();
            }
            return DescribeInstancesResponse.builder()
                    .reservations(reservations(accountId, region, instances))
                    .nextToken(nextToken.orElse(null))
                    .build();
        });
    }

    public TerminateInstancesResponse terminateInstances(CallContext call, TerminateInstancesRequest request)
    {
        List<InstanceStateChange> changes = changeStates(call, request.instanceIds(), request.dryRun(), (transaction, instance, now) -> {
            InstanceStateName previous = InstanceStateName.fromValue(instance.body().state());
            if (previous == InstanceStateName.TERMINATED) {
                return new Transition(previous, previous, Optional.empty());
            }
            instance.association().ifPresent(association -> Associations.delete(transaction, association));
            return new Transition(previous, InstanceStateName.SHUTTING_DOWN,
                    Optional.of(instance.body().withState(InstanceStateName.TERMINATED.toString(), instance.body().launchTime(), userInitiated(now))));
        });
        return TerminateInstancesResponse.builder().terminatingInstances(changes).build();
    }

    public StopInstancesResponse stopInstances(CallContext call, StopInstancesRequest request)
    {
        List<InstanceStateChange> changes = changeStates(call, request.instanceIds(), request.dryRun(), (transaction, instance, now) -> {
            InstanceStateName previous = InstanceStateName.fromValue(instance.body().state());
            return switch (previous) {
                case RUNNING -> new Transition(previous, InstanceStateName.STOPPING,
                        Optional.of(instance.body().withState(InstanceStateName.STOPPED.toString(), instance.body().launchTime(), userInitiated(now))));
                case STOPPED -> new Transition(previous, previous, Optional.empty());
                default -> throw Ec2Errors.incorrectInstanceState("This instance '" + instance.id() + "' is not in a state from which it can be stopped.");
            };
        });
        return StopInstancesResponse.builder().stoppingInstances(changes).build();
    }

    public StartInstancesResponse startInstances(CallContext call, StartInstancesRequest request)
    {
        List<InstanceStateChange> changes = changeStates(call, request.instanceIds(), request.dryRun(), (transaction, instance, now) -> {
            InstanceStateName previous = InstanceStateName.fromValue(instance.body().state());
            return switch (previous) {
                case STOPPED -> new Transition(previous, InstanceStateName.PENDING,
                        Optional.of(instance.body().withState(InstanceStateName.RUNNING.toString(), now.toString(), "")));
                case RUNNING -> new Transition(previous, previous, Optional.empty());
                default -> throw Ec2Errors.incorrectInstanceState("The instance '" + instance.id() + "' is not in a state from which it can be started.");
            };
        });
        return StartInstancesResponse.builder().startingInstances(changes).build();
    }

    public RebootInstancesResponse rebootInstances(CallContext call, RebootInstancesRequest request)
    {
        List<String> instanceIds = wellFormedInstanceIds(request.instanceIds());
        if (instanceIds.isEmpty()) {
            throw Ec2Errors.missingParameter("InstanceId");
        }
        // A reboot changes nothing Lanyard models; the instances must still exist.
        context.store().read(transaction -> requireInstances(transaction, call.caller().accountId(), call.region(), instanceIds));
        if (Boolean.TRUE.equals(request.dryRun())) {
            throw Ec2Errors.dryRun();
        }
        return RebootInstancesResponse.builder().build();
    }

    /** What one state change does to one instance: the states the answer shows, and the body to store (empty: unchanged). */
    private record Transition(InstanceStateName previous, InstanceStateName current, Optional<InstanceBody> updated) {}

    @FunctionalInterface
    private interface StateChange
    {
        Transition apply(WriteTransaction transaction, StoredInstance instance, Instant now);
    }

    /** All instances change or none: one unknown id or one refused transition fails the whole call, as in EC2. */
    private List<InstanceStateChange> changeStates(CallContext call, List<String> requestedIds, Boolean dryRun, StateChange change)
    {
        List<String> instanceIds = wellFormedInstanceIds(requestedIds);
        if (instanceIds.isEmpty()) {
            throw Ec2Errors.missingParameter("InstanceId");
        }
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        return context.store().write(transaction -> {
            List<InstanceStateChange> changes = new ArrayList<>();
            for (StoredInstance instance : requireInstances(transaction, accountId, call.region(), instanceIds)) {
                Transition transition = change.apply(transaction, instance, now);
                transition.updated().ifPresent(body -> transaction.updateEntity(instance.entity().withBody(EntityJson.write(body))));
                changes.add(InstanceStateChange.builder()
                        .instanceId(instance.id())
                        .previousState(InstanceViews.state(transition.previous()))
                        .currentState(InstanceViews.state(transition.current()))
                        .build());
            }
            if (Boolean.TRUE.equals(dryRun)) {
                // Thrown inside the write: everything checked, nothing kept.
                throw Ec2Errors.dryRun();
            }
            return changes;
        });
    }

    /** The ids without repeats, in request order; InvalidInstanceID.Malformed for the first that is not an instance id. */
    static List<String> wellFormedInstanceIds(List<String> instanceIds)
    {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String instanceId : instanceIds) {
            if (instanceId == null || !Ec2Ids.isInstanceId(instanceId)) {
                throw Ec2Errors.malformedInstanceId(String.valueOf(instanceId));
            }
            unique.add(instanceId);
        }
        return List.copyOf(unique);
    }

    /** The instances, or InvalidInstanceID.NotFound naming every id the caller's account does not have in this region. */
    static List<StoredInstance> requireInstances(ReadTransaction transaction, String accountId, String region, List<String> instanceIds)
    {
        List<StoredInstance> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String instanceId : instanceIds) {
            StoredInstance.find(transaction, accountId, region, instanceId).ifPresentOrElse(found::add, () -> missing.add(instanceId));
        }
        if (!missing.isEmpty()) {
            throw Ec2Errors.instancesNotFound(missing);
        }
        return found;
    }

    /** Instances grouped by reservation, reservations in the order their first instance appears. */
    private static List<Reservation> reservations(String accountId, String region, List<StoredInstance> instances)
    {
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        for (StoredInstance instance : instances) {
            byReservation.computeIfAbsent(instance.body().reservationId(), reservationId -> new ArrayList<>()).add(InstanceViews.instance(instance, region));
        }
        List<Reservation> reservations = new ArrayList<>();
        byReservation.forEach((reservationId, members) -> reservations.add(Reservation.builder()
                .reservationId(reservationId)
                .ownerId(accountId)
                .groups(List.of())
                .instances(members)
                .build()));
        return reservations;
    }

    /** The reservation an earlier call with the same ClientToken launched, as it is now. */
    private static Optional<RunInstancesResponse> replay(ReadTransaction transaction, String accountId, String region, String clientTokenName)
    {
        return transaction.entityById(accountId, Ec2Kinds.CLIENT_TOKEN, clientTokenName).map(token -> {
            ClientTokenBody body = EntityJson.read(token.body(), ClientTokenBody.class);
            List<Instance> instances = body.instanceIds().stream()
                    .map(instanceId -> StoredInstance.find(transaction, accountId, region, instanceId))
                    .flatMap(Optional::stream)
                    .map(instance -> InstanceViews.instance(instance, region))
                    .toList();
            return RunInstancesResponse.builder().reservationId(body.reservationId()).ownerId(accountId).groups(List.of()).instances(instances).build();
        });
    }

    /** Tokens are case-sensitive and entity names are not: the token is stored hex-encoded, per region. */
    private static String clientTokenName(String region, String clientToken)
    {
        return region + ":" + HexFormat.of().formatHex(clientToken.getBytes(StandardCharsets.UTF_8));
    }

    static String userInitiated(Instant now)
    {
        return "User initiated (" + TRANSITION_TIME.format(now) + ")";
    }

    /** The validated launch parameters of a RunInstances request. */
    private record LaunchRequest(String imageId, int count, String instanceType, String availabilityZone, List<StoredTag> tags, Optional<String> clientToken)
    {
        static LaunchRequest of(RunInstancesRequest request, String region)
        {
            String imageId = request.imageId();
            if (imageId == null) {
                throw Ec2Errors.missingParameter("ImageId");
            }
            if (!Ec2Ids.isImageId(imageId)) {
                throw Ec2Errors.malformedImageId(imageId);
            }
            if (request.minCount() == null) {
                throw Ec2Errors.missingParameter("MinCount");
            }
            if (request.maxCount() == null) {
                throw Ec2Errors.missingParameter("MaxCount");
            }
            int minCount = request.minCount();
            int maxCount = request.maxCount();
            if (minCount < 1) {
                throw Ec2Errors.invalidParameterValue("Value (" + minCount + ") for parameter minCount is invalid. Expecting a value greater than 0.");
            }
            if (maxCount < minCount) {
                throw Ec2Errors.invalidParameterValue("Value (" + maxCount + ") for parameter maxCount is invalid. Expecting a value greater than or equal to minCount (" + minCount + ").");
            }
            if (minCount > INSTANCES_PER_LAUNCH) {
                throw Ec2Errors.instanceLimitExceeded(minCount, INSTANCES_PER_LAUNCH);
            }
            String instanceType = request.instanceTypeAsString() == null ? DEFAULT_INSTANCE_TYPE : request.instanceTypeAsString();
            if (request.instanceType() == InstanceType.UNKNOWN_TO_SDK_VERSION) {
                throw Ec2Errors.invalidParameterValue("Invalid value '" + instanceType + "' for InstanceType.");
            }
            String availabilityZone = region + "a";
            if (request.placement() != null && request.placement().availabilityZone() != null) {
                availabilityZone = request.placement().availabilityZone();
                if (!availabilityZone.matches(Pattern.quote(region) + "[a-f]")) {
                    throw Ec2Errors.invalidParameterValue("Invalid availability zone: [" + availabilityZone + "]");
                }
            }
            Optional<String> clientToken = Optional.ofNullable(request.clientToken()).filter(token -> !token.isEmpty());
            return new LaunchRequest(imageId, Math.min(maxCount, INSTANCES_PER_LAUNCH), instanceType, availabilityZone, InstanceTags.fromSpecifications(request.tagSpecifications()),
                    clientToken);
        }
    }
}
