package dev.lanyard.services.iam;

import dev.lanyard.policy.MalformedPolicyException;
import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import dev.lanyard.protocol.PolicyDocuments;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.iam.InlinePolicies.InlinePolicy;
import dev.lanyard.services.iam.InlinePolicies.InlinePolicyBody;
import dev.lanyard.store.Entity;
import software.amazon.awssdk.services.iam.model.DeleteGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.PutGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyResponse;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** IAM: inline policies of roles, users and groups. */
public final class InlinePolicyOperations
{
    private final IamContext iam;

    public InlinePolicyOperations(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(PutRolePolicyRequest.class, this::putRolePolicy);
        registry.register(GetRolePolicyRequest.class, this::getRolePolicy);
        registry.register(ListRolePoliciesRequest.class, this::listRolePolicies);
        registry.register(DeleteRolePolicyRequest.class, this::deleteRolePolicy);
        registry.register(PutUserPolicyRequest.class, this::putUserPolicy);
        registry.register(GetUserPolicyRequest.class, this::getUserPolicy);
        registry.register(ListUserPoliciesRequest.class, this::listUserPolicies);
        registry.register(DeleteUserPolicyRequest.class, this::deleteUserPolicy);
        registry.register(PutGroupPolicyRequest.class, this::putGroupPolicy);
        registry.register(GetGroupPolicyRequest.class, this::getGroupPolicy);
        registry.register(ListGroupPoliciesRequest.class, this::listGroupPolicies);
        registry.register(DeleteGroupPolicyRequest.class, this::deleteGroupPolicy);
    }

    /**
     * The owners of inline policies and IAM's quotas for them: the aggregate size of all inline policies of one owner,
     * in characters without white space (IAM User Guide, "IAM and AWS STS quotas").
     */
    enum Owner
            implements PolicyOwnerKind
    {
        ROLE(EntityKinds.ROLE, 10_240),
        USER(EntityKinds.USER, 2_048),
        GROUP(EntityKinds.GROUP, 5_120);

        final String kind;
        final int maxAggregateSize;

        Owner(String kind, int maxAggregateSize)
        {
            this.kind = kind;
            this.maxAggregateSize = maxAggregateSize;
        }

        @Override
        public String kind()
        {
            return kind;
        }
    }

    public PutRolePolicyResponse putRolePolicy(CallContext context, PutRolePolicyRequest request)
    {
        put(context, Owner.ROLE, request.roleName(), request.policyName(), request.policyDocument());
        return PutRolePolicyResponse.builder().build();
    }

    public GetRolePolicyResponse getRolePolicy(CallContext context, GetRolePolicyRequest request)
    {
        InlinePolicy policy = get(context, Owner.ROLE, request.roleName(), request.policyName());
        return GetRolePolicyResponse.builder()
                .roleName(request.roleName())
                .policyName(policy.policyName())
                .policyDocument(PolicyDocuments.encode(policy.document()))
                .build();
    }

    public ListRolePoliciesResponse listRolePolicies(CallContext context, ListRolePoliciesRequest request)
    {
        ManagedPolicyOperations.Page<String> page = list(context, Owner.ROLE, request.roleName(), request.marker(), request.maxItems());
        return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public DeleteRolePolicyResponse deleteRolePolicy(CallContext context, DeleteRolePolicyRequest request)
    {
        delete(context, Owner.ROLE, request.roleName(), request.policyName());
        return DeleteRolePolicyResponse.builder().build();
    }

    public PutUserPolicyResponse putUserPolicy(CallContext context, PutUserPolicyRequest request)
    {
        put(context, Owner.USER, request.userName(), request.policyName(), request.policyDocument());
        return PutUserPolicyResponse.builder().build();
    }

    public GetUserPolicyResponse getUserPolicy(CallContext context, GetUserPolicyRequest request)
    {
        InlinePolicy policy = get(context, Owner.USER, request.userName(), request.policyName());
        return GetUserPolicyResponse.builder()
                .userName(request.userName())
                .policyName(policy.policyName())
                .policyDocument(PolicyDocuments.encode(policy.document()))
                .build();
    }

    public ListUserPoliciesResponse listUserPolicies(CallContext context, ListUserPoliciesRequest request)
    {
        ManagedPolicyOperations.Page<String> page = list(context, Owner.USER, request.userName(), request.marker(), request.maxItems());
        return ListUserPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public DeleteUserPolicyResponse deleteUserPolicy(CallContext context, DeleteUserPolicyRequest request)
    {
        delete(context, Owner.USER, request.userName(), request.policyName());
        return DeleteUserPolicyResponse.builder().build();
    }

    public PutGroupPolicyResponse putGroupPolicy(CallContext context, PutGroupPolicyRequest request)
    {
        put(context, Owner.GROUP, request.groupName(), request.policyName(), request.policyDocument());
        return PutGroupPolicyResponse.builder().build();
    }

    public GetGroupPolicyResponse getGroupPolicy(CallContext context, GetGroupPolicyRequest request)
    {
        InlinePolicy policy = get(context, Owner.GROUP, request.groupName(), request.policyName());
        return GetGroupPolicyResponse.builder()
                .groupName(request.groupName())
                .policyName(policy.policyName())
                .policyDocument(PolicyDocuments.encode(policy.document()))
                .build();
    }

    public ListGroupPoliciesResponse listGroupPolicies(CallContext context, ListGroupPoliciesRequest request)
    {
        ManagedPolicyOperations.Page<String> page = list(context, Owner.GROUP, request.groupName(), request.marker(), request.maxItems());
        return ListGroupPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public DeleteGroupPolicyResponse deleteGroupPolicy(CallContext context, DeleteGroupPolicyRequest request)
    {
        delete(context, Owner.GROUP, request.groupName(), request.policyName());
        return DeleteGroupPolicyResponse.builder().build();
    }

    private void put(CallContext context, Owner owner, String ownerName, String policyName, String document)
    {
        String accountId = context.caller().accountId();
        try {
            PolicyValidation.validate(document, PolicyUse.IDENTITY);
        }
        catch (MalformedPolicyException malformed) {
            throw IamErrors.malformedPolicy(malformed.getMessage());
        }
        iam.store().write(transaction -> {
            Entity ownerEntity = owner.find(transaction, accountId, ownerName);
            owner.checkModifiable(ownerEntity);
            List<InlinePolicy> existing = InlinePolicies.forOwner(transaction, accountId, owner.kind, ownerEntity.id());
            Optional<InlinePolicy> replaced = existing.stream().filter(policy -> policy.policyName().equalsIgnoreCase(policyName)).findFirst();
            // The quota is on all inline policies of the owner together; a replaced policy no longer counts.
            int aggregate = ManagedPolicySizes.nonWhitespaceLength(document);
            for (InlinePolicy policy : existing) {
                if (replaced.isEmpty() || !policy.entityId().equals(replaced.get().entityId())) {
                    aggregate += ManagedPolicySizes.nonWhitespaceLength(policy.document());
                }
            }
            if (aggregate > owner.maxAggregateSize) {
                throw IamErrors.limitExceeded("Maximum policy size of " + owner.maxAggregateSize + " bytes exceeded for " + owner.kind + " " + ownerEntity.name());
            }
            String name = InlinePolicies.entityName(owner.kind, ownerEntity.id(), policyName);
            String body = EntityJson.write(new InlinePolicyBody(policyName, document));
            if (replaced.isPresent()) {
                Entity stored = transaction.entityById(accountId, InlinePolicies.KIND, replaced.get().entityId()).orElseThrow();
                transaction.updateEntity(stored.withName(name).withBody(body));
            }
            else {
                transaction.insertEntity(Entity.create(accountId, InlinePolicies.KIND, IamIds.random(21), name, "/", body, iam.clock().instant()));
            }
            return null;
        });
    }

    private InlinePolicy get(CallContext context, Owner owner, String ownerName, String policyName)
    {
        String accountId = context.caller().accountId();
        return iam.store().read(transaction -> {
            Entity ownerEntity = owner.find(transaction, accountId, ownerName);
            return InlinePolicies.find(transaction, accountId, owner.kind, ownerEntity.id(), policyName)
                    .orElseThrow(() -> noSuchPolicy(owner, policyName));
        });
    }

    private ManagedPolicyOperations.Page<String> list(CallContext context, Owner owner, String ownerName, String marker, Integer maxItems)
    {
        String accountId = context.caller().accountId();
        List<String> names = iam.store().read(transaction -> {
            Entity ownerEntity = owner.find(transaction, accountId, ownerName);
            return InlinePolicies.forOwner(transaction, accountId, owner.kind, ownerEntity.id()).stream()
                    .map(InlinePolicy::policyName)
                    .toList();
        });
        return ManagedPolicyOperations.pageAfter(names, name -> name, marker, maxItems);
    }

    private void delete(CallContext context, Owner owner, String ownerName, String policyName)
    {
        String accountId = context.caller().accountId();
        iam.store().write(transaction -> {
            Entity ownerEntity = owner.find(transaction, accountId, ownerName);
            owner.checkModifiable(ownerEntity);
            InlinePolicy policy = InlinePolicies.find(transaction, accountId, owner.kind, ownerEntity.id(), policyName)
                    .orElseThrow(() -> noSuchPolicy(owner, policyName));
            transaction.deleteEntity(accountId, InlinePolicies.KIND, policy.entityId());
            return null;
        });
    }

    private static RuntimeException noSuchPolicy(Owner owner, String policyName)
    {
        return IamErrors.noSuchEntity("The " + owner.kind + " policy with name " + policyName + " cannot be found.");
    }
}
