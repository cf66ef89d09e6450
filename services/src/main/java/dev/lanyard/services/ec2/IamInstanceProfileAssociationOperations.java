package dev.lanyard.services.ec2;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileResponse;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociationState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * EC2: the IAM instance profile of an instance after launch. An instance has at most one association; a new one is
 * "associated" at once (there are no credentials to deliver yet), and a disassociated one is gone at once, its last
 * answer saying "disassociating". Associating and replacing pass the profile's role to EC2: iam:PassRole.
 */
public final class IamInstanceProfileAssociationOperations
{
    private static final Ec2Filters<Entity> FILTERS = new Ec2Filters<>(Map.of(
            "instance-id", association -> List.of(StoredInstance.associationBody(association).instanceId()),
            "state", association -> List.of(IamInstanceProfileAssociationState.ASSOCIATED.toString())),
            Optional.empty());

    private final Ec2Context context;
    private final InstanceProfiles profiles;

    public IamInstanceProfileAssociationOperations(Ec2Context context)
    {
        this.context = requireNonNull(context, "context is null");
        this.profiles = new InstanceProfiles(context.accessControl());
    }

    public void register(OperationRegistry registry)
    {
        registry.register(AssociateIamInstanceProfileRequest.class, this::associateIamInstanceProfile)
                .register(DescribeIamInstanceProfileAssociationsRequest.class, this::describeIamInstanceProfileAssociations)
                .register(ReplaceIamInstanceProfileAssociationRequest.class, this::replaceIamInstanceProfileAssociation)
                .register(DisassociateIamInstanceProfileRequest.class, this::disassociateIamInstanceProfile);
    }

    public AssociateIamInstanceProfileResponse associateIamInstanceProfile(CallContext call, AssociateIamInstanceProfileRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        String instanceId = InstanceOperations.wellFormedInstanceIds(List.of(requireMember(request.instanceId(), "InstanceId"))).getFirst();
        PassedProfile profile = context.store().read(transaction -> {
            InstanceOperations.requireInstances(transaction, accountId, region, List.of(instanceId));
            return InstanceProfiles.resolve(transaction, accountId, requireMember(request.iamInstanceProfile(), "IamInstanceProfile"));
        });
        profiles.requirePassRole(call, profile, List.of(InstanceProfiles.instanceArn(region, accountId, instanceId)));
        Instant now = context.clock().instant();
        return context.store().write(transaction -> {
            StoredInstance instance = InstanceOperations.requireInstances(transaction, accountId, region, List.of(instanceId)).getFirst();
            InstanceStateName state = InstanceStateName.fromValue(instance.body().state());
            if (state != InstanceStateName.RUNNING && state != InstanceStateName.STOPPED) {
                throw Ec2Errors.incorrectState("The instance '" + instanceId + "' is not in the 'running' or 'stopped' state.");
            }
            if (instance.association().isPresent()) {
                throw Ec2Errors.incorrectState("There is an existing association for instance " + instanceId);
            }
            PassedProfile current = InstanceProfiles.recheck(transaction, accountId, profile);
            Entity association = Associations.insert(transaction, instance.entity(), current, now);
            return AssociateIamInstanceProfileResponse.builder().iamInstanceProfileAssociation(view(association, IamInstanceProfileAssociationState.ASSOCIATED)).build();
        });
    }

    public DescribeIamInstanceProfileAssociationsResponse describeIamInstanceProfileAssociations(CallContext call, DescribeIamInstanceProfileAssociationsRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        Optional<Integer> maxResults = Ec2Paging.maxResults(request.maxResults());
        Optional<String> after = Ec2Paging.after(request.nextToken(), token -> token.startsWith(Ec2Ids.ASSOCIATION));
        Predicate<Entity> matches = FILTERS.compile(request.filters());
        List<String> associationIds = List.copyOf(new LinkedHashSet<>(request.associationIds()));
        return context.store().read(transaction -> {
            List<Entity> associations;
            Optional<String> nextToken = Optional.empty();
            if (!associationIds.isEmpty()) {
                associations = new ArrayList<>();
                for (String associationId : associationIds) {
                    associations.add(requireAssociation(transaction, accountId, region, associationId));
                }
                associations = associations.stream().filter(matches).toList();
            }
            else {
                Ec2Paging.Page page = Ec2Paging.page(transaction, accountId, Ec2Kinds.IAM_INSTANCE_PROFILE_ASSOCIATION, region, after, maxResults, matches);
                associations = page.items();
                nextToken = page.nextToken();
            }
            return DescribeIamInstanceProfileAssociationsResponse.builder()
                    .iamInstanceProfileAssociations(associations.stream().map(association -> view(association, IamInstanceProfileAssociationState.ASSOCIATED)).toList())
                    .nextToken(nextToken.orElse(null))
                    .build();
        });
    }

    public ReplaceIamInstanceProfileAssociationResponse replaceIamInstanceProfileAssociation(CallContext call, ReplaceIamInstanceProfileAssociationRequest request)
    {
        String accountId = call.caller().accountId();
        String region = call.region();
        String associationId = requireMember(request.associationId(), "AssociationId");
        record Resolved(String instanceId, PassedProfile profile) {}
        Resolved resolved = context.store().read(transaction -> {
            Entity association = requireAssociation(transaction, accountId, region, associationId);
            return new Resolved(StoredInstance.associationBody(association).instanceId(),
                    InstanceProfiles.resolve(transaction, accountId, requireMember(request.iamInstanceProfile(), "IamInstanceProfile")));
        });
        profiles.requirePassRole(call, resolved.profile(), List.of(InstanceProfiles.instanceArn(region, accountId, resolved.instanceId())));
        Instant now = context.clock().instant();
        return context.store().write(transaction -> {
            Entity association = requireAssociation(transaction, accountId, region, associationId);
            StoredInstance instance = InstanceOperations.requireInstances(transaction, accountId, region, List.of(resolved.instanceId())).getFirst();
            // AWS replaces only on a running instance, and says so in these words for a stopped one.
            if (!instance.body().state().equals(InstanceStateName.RUNNING.toString())) {
                throw Ec2Errors.incorrectState("The association " + associationId + " is not the active association");
            }
            PassedProfile current = InstanceProfiles.recheck(transaction, accountId, resolved.profile());
            Associations.delete(transaction, association);
            Entity replacement = Associations.insert(transaction, instance.entity(), current, now);
            return ReplaceIamInstanceProfileAssociationResponse.builder().iamInstanceProfileAssociation(view(replacement, IamInstanceProfileAssociationState.ASSOCIATED)).build();
        });
    }

    public DisassociateIamInstanceProfileResponse disassociateIamInstanceProfile(CallContext call, DisassociateIamInstanceProfileRequest request)
    {
        String accountId = call.caller().accountId();
        String associationId = requireMember(request.associationId(), "AssociationId");
        return context.store().write(transaction -> {
            Entity association = requireAssociation(transaction, accountId, call.region(), associationId);
            Associations.delete(transaction, association);
            return DisassociateIamInstanceProfileResponse.builder().iamInstanceProfileAssociation(view(association, IamInstanceProfileAssociationState.DISASSOCIATING)).build();
        });
    }

    private static Entity requireAssociation(ReadTransaction transaction, String accountId, String region, String associationId)
    {
        if (associationId == null) {
            throw Ec2Errors.associationNotFound("null");
        }
        return transaction.entityById(accountId, Ec2Kinds.IAM_INSTANCE_PROFILE_ASSOCIATION, associationId)
                .filter(association -> association.path().equals(Ec2Kinds.regionPath(region)))
                .orElseThrow(() -> Ec2Errors.associationNotFound(associationId));
    }

    private static IamInstanceProfileAssociation view(Entity association, IamInstanceProfileAssociationState state)
    {
        return InstanceViews.association(association.id(), StoredInstance.associationBody(association), state);
    }

    /** The validator has already refused a missing required member; this keeps a direct call from reaching a null. */
    private static <T> T requireMember(T value, String parameter)
    {
        if (value == null) {
            throw Ec2Errors.missingParameter(parameter);
        }
        return value;
    }
}
