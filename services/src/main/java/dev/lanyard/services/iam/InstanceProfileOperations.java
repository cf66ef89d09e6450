package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.StoreException;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.TagInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.UntagInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.UntagInstanceProfileResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * IAM: instance profiles and their roles. A profile holds at most one role, kept as a
 * {@link EntityKinds#ROLE_IN_INSTANCE_PROFILE} link from the role's id to the profile's id.
 */
public final class InstanceProfileOperations
{
    private final IamContext context;

    public InstanceProfileOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreateInstanceProfileRequest.class, this::createInstanceProfile)
                .register(GetInstanceProfileRequest.class, this::getInstanceProfile)
                .register(ListInstanceProfilesRequest.class, this::listInstanceProfiles)
                .register(ListInstanceProfilesForRoleRequest.class, this::listInstanceProfilesForRole)
                .register(DeleteInstanceProfileRequest.class, this::deleteInstanceProfile)
                .register(TagInstanceProfileRequest.class, this::tagInstanceProfile)
                .register(UntagInstanceProfileRequest.class, this::untagInstanceProfile)
                .register(ListInstanceProfileTagsRequest.class, this::listInstanceProfileTags)
                .register(AddRoleToInstanceProfileRequest.class, this::addRoleToInstanceProfile)
                .register(RemoveRoleFromInstanceProfileRequest.class, this::removeRoleFromInstanceProfile);
    }

    public CreateInstanceProfileResponse createInstanceProfile(CallContext call, CreateInstanceProfileRequest request)
    {
        String accountId = call.caller().accountId();
        List<StoredTag> tags = EntityTags.fromRequest(request.tags(), EntityTags.Taggable.INSTANCE_PROFILE);
        Entity profile = Entity.create(accountId, EntityKinds.INSTANCE_PROFILE, IamIds.newId(IamIds.INSTANCE_PROFILE), request.instanceProfileName(),
                request.path() == null ? "/" : request.path(), EntityJson.write(new InstanceProfileBody(tags)), context.clock().instant());
        context.store().write(transaction -> {
            try {
                transaction.insertEntity(profile);
            }
            catch (StoreException.Conflict taken) {
                throw IamErrors.alreadyExists("Instance Profile", profile.name());
            }
            return null;
        });
        return context.store().read(transaction -> CreateInstanceProfileResponse.builder().instanceProfile(instanceProfile(transaction, profile, true)).build());
    }

    public GetInstanceProfileResponse getInstanceProfile(CallContext call, GetInstanceProfileRequest request)
    {
        return context.store().read(transaction -> {
            Entity profile = requireProfile(transaction, call.caller().accountId(), request.instanceProfileName());
            return GetInstanceProfileResponse.builder().instanceProfile(instanceProfile(transaction, profile, true)).build();
        });
    }

    public ListInstanceProfilesResponse listInstanceProfiles(CallContext call, ListInstanceProfilesRequest request)
    {
        return context.store().read(transaction -> {
            List<Entity> fetched = transaction.entities(call.caller().accountId(), EntityKinds.INSTANCE_PROFILE, request.pathPrefix(),
                    IamPaging.afterName(request.marker()), IamPaging.fetchSize(request.maxItems()));
            IamPaging.Page<Entity> page = IamPaging.page(fetched, request.maxItems(), Entity::name);
            List<InstanceProfile> profiles = page.items().stream().map(profile -> instanceProfile(transaction, profile, false)).toList();
            return ListInstanceProfilesResponse.builder().instanceProfiles(profiles).isTruncated(page.truncated()).marker(page.nextMarker()).build();
        });
    }

    public ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(CallContext call, ListInstanceProfilesForRoleRequest request)
    {
        String accountId = call.caller().accountId();
        return context.store().read(transaction -> {
            Entity role = RoleOperations.requireRole(transaction, accountId, request.roleName());
            // A role is in few profiles: load them all, order by name, page in memory.
            List<Entity> profiles = new ArrayList<>();
            for (Link link : transaction.linksFrom(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, role.id())) {
                transaction.entityById(accountId, EntityKinds.INSTANCE_PROFILE, link.toId()).ifPresent(profiles::add);
            }
            profiles.sort(Comparator.comparing(profile -> profile.name().toLowerCase(Locale.ROOT)));
            String after = IamPaging.afterName(request.marker());
            List<Entity> remaining = after == null ? profiles : profiles.stream()
                    .filter(profile -> profile.name().compareToIgnoreCase(after) > 0)
                    .toList();
            IamPaging.Page<Entity> page = IamPaging.page(remaining, request.maxItems(), Entity::name);
            List<InstanceProfile> result = page.items().stream().map(profile -> instanceProfile(transaction, profile, false)).toList();
            return ListInstanceProfilesForRoleResponse.builder().instanceProfiles(result).isTruncated(page.truncated()).marker(page.nextMarker()).build();
        });
    }

    public DeleteInstanceProfileResponse deleteInstanceProfile(CallContext call, DeleteInstanceProfileRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity profile = requireProfile(transaction, accountId, request.instanceProfileName());
            if (!transaction.linksTo(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, profile.id()).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
            }
            transaction.deleteEntity(accountId, EntityKinds.INSTANCE_PROFILE, profile.id());
            return null;
        });
        return DeleteInstanceProfileResponse.builder().build();
    }

    public TagInstanceProfileResponse tagInstanceProfile(CallContext call, TagInstanceProfileRequest request)
    {
        updateTags(call, request.instanceProfileName(), tags -> EntityTags.merge(tags, request.tags(), EntityTags.Taggable.INSTANCE_PROFILE));
        return TagInstanceProfileResponse.builder().build();
    }

    public UntagInstanceProfileResponse untagInstanceProfile(CallContext call, UntagInstanceProfileRequest request)
    {
        updateTags(call, request.instanceProfileName(), tags -> EntityTags.remove(tags, request.tagKeys()));
        return UntagInstanceProfileResponse.builder().build();
    }

    public ListInstanceProfileTagsResponse listInstanceProfileTags(CallContext call, ListInstanceProfileTagsRequest request)
    {
        return context.store().read(transaction -> {
            Entity profile = requireProfile(transaction, call.caller().accountId(), request.instanceProfileName());
            IamPaging.Page<Tag> page = EntityTags.page(body(profile).tags(), request.marker(), request.maxItems());
            return ListInstanceProfileTagsResponse.builder().tags(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
        });
    }

    public AddRoleToInstanceProfileResponse addRoleToInstanceProfile(CallContext call, AddRoleToInstanceProfileRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity profile = requireProfile(transaction, accountId, request.instanceProfileName());
            Entity role = RoleOperations.requireRole(transaction, accountId, request.roleName());
            if (!transaction.linksTo(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, profile.id()).isEmpty()) {
                throw IamErrors.limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
            }
            transaction.insertLink(new Link(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, role.id(), profile.id()));
            return null;
        });
        return AddRoleToInstanceProfileResponse.builder().build();
    }

    public RemoveRoleFromInstanceProfileResponse removeRoleFromInstanceProfile(CallContext call, RemoveRoleFromInstanceProfileRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity profile = requireProfile(transaction, accountId, request.instanceProfileName());
            Entity role = RoleOperations.requireRole(transaction, accountId, request.roleName());
            if (!transaction.deleteLink(new Link(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, role.id(), profile.id()))) {
                throw IamErrors.noSuchEntity("The role with name " + role.name() + " cannot be found in instance profile " + profile.name() + ".");
            }
            return null;
        });
        return RemoveRoleFromInstanceProfileResponse.builder().build();
    }

    static Entity requireProfile(ReadTransaction transaction, String accountId, String name)
    {
        return transaction.entityByName(accountId, EntityKinds.INSTANCE_PROFILE, name)
                .orElseThrow(() -> IamErrors.noSuchEntity("Instance Profile " + name + " cannot be found."));
    }

    /** The profile with its role (full Role objects, as IAM shows them); tags only where IAM shows them (Create, Get). */
    static InstanceProfile instanceProfile(ReadTransaction transaction, Entity profile, boolean withTags)
    {
        List<Role> roles = new ArrayList<>();
        for (Link link : transaction.linksTo(profile.accountId(), EntityKinds.ROLE_IN_INSTANCE_PROFILE, profile.id())) {
            Optional<Entity> role = transaction.entityById(profile.accountId(), EntityKinds.ROLE, link.fromId());
            role.ifPresent(found -> roles.add(RoleOperations.profileRole(transaction, found)));
        }
        InstanceProfile.Builder builder = InstanceProfile.builder()
                .path(profile.path())
                .instanceProfileName(profile.name())
                .instanceProfileId(profile.id())
                .arn(IamArns.instanceProfile(profile.accountId(), profile.path(), profile.name()))
                .createDate(profile.createdAt())
                .roles(roles);
        List<StoredTag> tags = body(profile).tags();
        if (withTags && !tags.isEmpty()) {
            builder.tags(EntityTags.toSdk(tags));
        }
        return builder.build();
    }

    private static InstanceProfileBody body(Entity profile)
    {
        return EntityJson.read(profile.body(), InstanceProfileBody.class);
    }

    private void updateTags(CallContext call, String profileName, UnaryOperator<List<StoredTag>> change)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity profile = requireProfile(transaction, accountId, profileName);
            InstanceProfileBody updated = new InstanceProfileBody(change.apply(body(profile).tags()));
            return transaction.updateEntity(profile.withBody(EntityJson.write(updated)));
        });
    }
}
