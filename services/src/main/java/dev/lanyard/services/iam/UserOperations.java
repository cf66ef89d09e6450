package dev.lanyard.services.iam;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.StoreException;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.AddUserToGroupResponse;
import software.amazon.awssdk.services.iam.model.ChangePasswordRequest;
import software.amazon.awssdk.services.iam.model.ChangePasswordResponse;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupResponse;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteGroupRequest;
import software.amazon.awssdk.services.iam.model.DeleteGroupResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetGroupRequest;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.InvalidUserTypeException;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagUserRequest;
import software.amazon.awssdk.services.iam.model.TagUserResponse;
import software.amazon.awssdk.services.iam.model.UntagUserRequest;
import software.amazon.awssdk.services.iam.model.UntagUserResponse;
import software.amazon.awssdk.services.iam.model.UpdateGroupRequest;
import software.amazon.awssdk.services.iam.model.UpdateGroupResponse;
import software.amazon.awssdk.services.iam.model.UpdateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.UpdateLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.UpdateUserRequest;
import software.amazon.awssdk.services.iam.model.UpdateUserResponse;
import software.amazon.awssdk.services.iam.model.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** IAM: users (with tags and permissions boundaries), groups, membership, login profiles. */
public final class UserOperations
{
    /** AWS's quota of groups per user. */
    public static final int GROUPS_PER_USER = 10;

    private final IamContext context;

    public UserOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreateUserRequest.class, this::createUser);
        registry.register(GetUserRequest.class, this::getUser);
        registry.register(ListUsersRequest.class, this::listUsers);
        registry.register(UpdateUserRequest.class, this::updateUser);
        registry.register(DeleteUserRequest.class, this::deleteUser);
        registry.register(TagUserRequest.class, this::tagUser);
        registry.register(UntagUserRequest.class, this::untagUser);
        registry.register(ListUserTagsRequest.class, this::listUserTags);
        registry.register(CreateGroupRequest.class, this::createGroup);
        registry.register(GetGroupRequest.class, this::getGroup);
        registry.register(ListGroupsRequest.class, this::listGroups);
        registry.register(UpdateGroupRequest.class, this::updateGroup);
        registry.register(DeleteGroupRequest.class, this::deleteGroup);
        registry.register(AddUserToGroupRequest.class, this::addUserToGroup);
        registry.register(RemoveUserFromGroupRequest.class, this::removeUserFromGroup);
        registry.register(ListGroupsForUserRequest.class, this::listGroupsForUser);
        registry.register(CreateLoginProfileRequest.class, this::createLoginProfile);
        registry.register(GetLoginProfileRequest.class, this::getLoginProfile);
        registry.register(UpdateLoginProfileRequest.class, this::updateLoginProfile);
        registry.register(DeleteLoginProfileRequest.class, this::deleteLoginProfile);
        registry.register(ChangePasswordRequest.class, this::changePassword);
        registry.register(PutUserPermissionsBoundaryRequest.class, this::putUserPermissionsBoundary);
        registry.register(DeleteUserPermissionsBoundaryRequest.class, this::deleteUserPermissionsBoundary);
    }

    // ---- users

    public CreateUserResponse createUser(CallContext call, CreateUserRequest request)
    {
        String accountId = call.caller().accountId();
        String path = request.path() == null ? "/" : request.path();
        UserBody body = new UserBody(EntityTags.fromRequest(request.tags(), EntityTags.Taggable.USER), null, request.permissionsBoundary());
        Entity user = Entity.create(accountId, EntityKinds.USER, IamIds.newId(IamIds.USER), request.userName(), path, EntityJson.write(body), context.clock().instant());
        context.store().write(transaction -> {
            try {
                transaction.insertEntity(user);
            }
            catch (StoreException.Conflict duplicate) {
                throw IamErrors.alreadyExists("User", request.userName());
            }
            if (request.permissionsBoundary() != null) {
                String policyLinkId = boundaryPolicyLinkId(transaction, accountId, request.permissionsBoundary());
                transaction.insertLink(new Link(accountId, UserEntities.POLICY_BOUNDARY_OF_USER, policyLinkId, user.id()));
            }
            return null;
        });
        return CreateUserResponse.builder().user(UserEntities.toUserWithTags(user)).build();
    }

    public GetUserResponse getUser(CallContext call, GetUserRequest request)
    {
        Caller caller = call.caller();
        User user = context.store().read(transaction -> {
            if (request.userName() != null) {
                return UserEntities.toUserWithTags(UserEntities.requireUser(transaction, caller.accountId(), request.userName()));
            }
            Optional<Entity> self = UserEntities.callerUser(transaction, caller);
            if (self.isPresent()) {
                return UserEntities.toUserWithTags(self.get());
            }
            if (caller.isRoot()) {
                // AWS answers the root with its own shape: the account id as UserId, the root ARN, and no name or path.
                User.Builder root = User.builder().userId(caller.accountId()).arn(caller.arn());
                transaction.account(caller.accountId()).ifPresent(account -> root.createDate(account.createdAt()));
                return root.build();
            }
            throw new AwsErrorException("ValidationError", "Must specify userName when calling with non-User credentials", 400);
        });
        return GetUserResponse.builder().user(user).build();
    }

    public ListUsersResponse listUsers(CallContext call, ListUsersRequest request)
    {
        List<Entity> fetched = context.store().read(transaction -> transaction.entities(
                call.caller().accountId(), EntityKinds.USER, request.pathPrefix(), IamPaging.afterName(request.marker()), IamPaging.fetchSize(request.maxItems())));
        IamPaging.Page<Entity> page = IamPaging.page(fetched, request.maxItems(), Entity::name);
        return ListUsersResponse.builder()
                .users(page.items().stream().map(UserEntities::toUser).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    public UpdateUserResponse updateUser(CallContext call, UpdateUserRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity user = UserEntities.requireUser(transaction, accountId, request.userName());
            Entity updated = user;
            if (request.newUserName() != null) {
                updated = updated.withName(request.newUserName());
            }
            if (request.newPath() != null) {
                updated = updated.withPath(request.newPath());
            }
            if (updated.equals(user)) {
                return null;
            }
            // Links, keys, inline policies and credentials refer to the unique id, so a rename touches only this row.
            try {
                transaction.updateEntity(updated);
            }
            catch (StoreException.Conflict taken) {
                throw IamErrors.alreadyExists("User", request.newUserName());
            }
            return null;
        });
        return UpdateUserResponse.builder().build();
    }

    public DeleteUserResponse deleteUser(CallContext call, DeleteUserRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity user = UserEntities.requireUser(transaction, accountId, request.userName());
            String userId = user.id();
            if (transaction.entityById(accountId, UserEntities.LOGIN_PROFILE, userId).isPresent()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete login profile first.");
            }
            if (!transaction.accessKeys(accountId, userId).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
            }
            if (!transaction.linksFrom(accountId, UserEntities.SIGNING_CERTIFICATE_OF_USER, userId).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete certificates first.");
            }
            if (!transaction.linksFrom(accountId, UserEntities.SSH_PUBLIC_KEY_OF_USER, userId).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove referenced objects first.");
            }
            if (!transaction.linksFrom(accountId, UserEntities.SERVICE_SPECIFIC_CREDENTIAL_OF_USER, userId).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove referenced objects first.");
            }
            if (!transaction.linksFrom(accountId, UserEntities.USER_HAS_MFA_DEVICE, userId).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete MFA device first.");
            }
            if (UserEntities.hasInlinePolicies(transaction, accountId, "user", userId)) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!transaction.linksTo(accountId, EntityKinds.POLICY_ATTACHED_TO_USER, userId).isEmpty()
                    || !transaction.linksFrom(accountId, EntityKinds.POLICY_ATTACHED_TO_USER, userId).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            if (!transaction.linksFrom(accountId, EntityKinds.USER_IN_GROUP, userId).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            // A permissions boundary does not block deletion (AWS deletes it with the user).
            removeBoundaryLinks(transaction, accountId, userId);
            transaction.deleteEntity(accountId, EntityKinds.USER, userId);
            return null;
        });
        return DeleteUserResponse.builder().build();
    }

    public TagUserResponse tagUser(CallContext call, TagUserRequest request)
    {
        updateUserBody(call.caller().accountId(), request.userName(), body -> body.withTags(EntityTags.merge(body.tags(), request.tags(), EntityTags.Taggable.USER)));
        return TagUserResponse.builder().build();
    }

    public UntagUserResponse untagUser(CallContext call, UntagUserRequest request)
    {
        updateUserBody(call.caller().accountId(), request.userName(), body -> body.withTags(EntityTags.remove(body.tags(), request.tagKeys())));
        return UntagUserResponse.builder().build();
    }

    public ListUserTagsResponse listUserTags(CallContext call, ListUserTagsRequest request)
    {
        Entity user = context.store().read(transaction -> UserEntities.requireUser(transaction, call.caller().accountId(), request.userName()));
        IamPaging.Page<Tag> page = EntityTags.page(UserEntities.body(user).tags(), request.marker(), request.maxItems());
        return ListUserTagsResponse.builder()
                .tags(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    private void updateUserBody(String accountId, String userName, java.util.function.UnaryOperator<UserBody> change)
    {
        context.store().write(transaction -> {
            Entity user = UserEntities.requireUser(transaction, accountId, userName);
            transaction.updateEntity(user.withBody(EntityJson.write(change.apply(UserEntities.body(user)))));
            return null;
        });
    }

    public PutUserPermissionsBoundaryResponse putUserPermissionsBoundary(CallContext call, PutUserPermissionsBoundaryRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity user = UserEntities.requireUser(transaction, accountId, request.userName());
            String policyLinkId = boundaryPolicyLinkId(transaction, accountId, request.permissionsBoundary());
            removeBoundaryLinks(transaction, accountId, user.id());
            // The link lets the managed policy family count boundary uses and refuse deleting a policy in use.
            transaction.insertLink(new Link(accountId, UserEntities.POLICY_BOUNDARY_OF_USER, policyLinkId, user.id()));
            UserBody body = UserEntities.body(user);
            transaction.updateEntity(user.withBody(EntityJson.write(new UserBody(body.tags(), body.passwordLastUsed(), request.permissionsBoundary()))));
            return null;
        });
        return PutUserPermissionsBoundaryResponse.builder().build();
    }

    public DeleteUserPermissionsBoundaryResponse deleteUserPermissionsBoundary(CallContext call, DeleteUserPermissionsBoundaryRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity user = UserEntities.requireUser(transaction, accountId, request.userName());
            removeBoundaryLinks(transaction, accountId, user.id());
            UserBody body = UserEntities.body(user);
            if (body.permissionsBoundaryArn() != null) {
                transaction.updateEntity(user.withBody(EntityJson.write(new UserBody(body.tags(), body.passwordLastUsed(), null))));
            }
            return null;
        });
        return DeleteUserPermissionsBoundaryResponse.builder().build();
    }

    private static void removeBoundaryLinks(WriteTransaction transaction, String accountId, String userId)
    {
        for (Link boundary : transaction.linksTo(accountId, UserEntities.POLICY_BOUNDARY_OF_USER, userId)) {
            transaction.deleteLink(boundary);
        }
    }

    // ---- groups

    public CreateGroupResponse createGroup(CallContext call, CreateGroupRequest request)
    {
        String accountId = call.caller().accountId();
        String path = request.path() == null ? "/" : request.path();
        Entity group = Entity.create(accountId, EntityKinds.GROUP, IamIds.newId(IamIds.GROUP), request.groupName(), path, "{}", context.clock().instant());
        context.store().write(transaction -> {
            try {
                transaction.insertEntity(group);
            }
            catch (StoreException.Conflict duplicate) {
                throw IamErrors.alreadyExists("Group", request.groupName());
            }
            return null;
        });
        return CreateGroupResponse.builder().group(UserEntities.toGroup(group)).build();
    }

    public GetGroupResponse getGroup(CallContext call, GetGroupRequest request)
    {
        String accountId = call.caller().accountId();
        return context.store().read(transaction -> {
            Entity group = UserEntities.requireGroup(transaction, accountId, request.groupName());
            List<Entity> members = UserEntities.membersOf(transaction, accountId, group.id());
            IamPaging.Page<Entity> page = WholeListPaging.pageByName(members, request.marker(), request.maxItems(), Entity::name);
            return GetGroupResponse.builder()
                    .group(UserEntities.toGroup(group))
                    .users(page.items().stream().map(UserEntities::toUser).toList())
                    .isTruncated(page.truncated())
                    .marker(page.nextMarker())
                    .build();
        });
    }

    public ListGroupsResponse listGroups(CallContext call, ListGroupsRequest request)
    {
        List<Entity> fetched = context.store().read(transaction -> transaction.entities(
                call.caller().accountId(), EntityKinds.GROUP, request.pathPrefix(), IamPaging.afterName(request.marker()), IamPaging.fetchSize(request.maxItems())));
        IamPaging.Page<Entity> page = IamPaging.page(fetched, request.maxItems(), Entity::name);
        return ListGroupsResponse.builder()
                .groups(page.items().stream().map(UserEntities::toGroup).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    public UpdateGroupResponse updateGroup(CallContext call, UpdateGroupRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity group = UserEntities.requireGroup(transaction, accountId, request.groupName());
            Entity updated = group;
            if (request.newGroupName() != null) {
                updated = updated.withName(request.newGroupName());
            }
            if (request.newPath() != null) {
                updated = updated.withPath(request.newPath());
            }
            if (updated.equals(group)) {
                return null;
            }
            try {
                transaction.updateEntity(updated);
            }
            catch (StoreException.Conflict taken) {
                throw IamErrors.alreadyExists("Group", request.newGroupName());
            }
            return null;
        });
        return UpdateGroupResponse.builder().build();
    }

    public DeleteGroupResponse deleteGroup(CallContext call, DeleteGroupRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity group = UserEntities.requireGroup(transaction, accountId, request.groupName());
            if (!transaction.linksTo(accountId, EntityKinds.USER_IN_GROUP, group.id()).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            if (UserEntities.hasInlinePolicies(transaction, accountId, "group", group.id())) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!transaction.linksTo(accountId, EntityKinds.POLICY_ATTACHED_TO_GROUP, group.id()).isEmpty()
                    || !transaction.linksFrom(accountId, EntityKinds.POLICY_ATTACHED_TO_GROUP, group.id()).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            transaction.deleteEntity(accountId, EntityKinds.GROUP, group.id());
            return null;
        });
        return DeleteGroupResponse.builder().build();
    }

    public AddUserToGroupResponse addUserToGroup(CallContext call, AddUserToGroupRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity group = UserEntities.requireGroup(transaction, accountId, request.groupName());
            Entity user = UserEntities.requireUser(transaction, accountId, request.userName());
            List<Link> memberships = transaction.linksFrom(accountId, EntityKinds.USER_IN_GROUP, user.id());
            boolean already = memberships.stream().anyMatch(link -> link.toId().equals(group.id()));
            if (!already && memberships.size() >= GROUPS_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for GroupsPerUser: " + GROUPS_PER_USER);
            }
            transaction.insertLink(new Link(accountId, EntityKinds.USER_IN_GROUP, user.id(), group.id()));
            return null;
        });
        return AddUserToGroupResponse.builder().build();
    }

    public RemoveUserFromGroupResponse removeUserFromGroup(CallContext call, RemoveUserFromGroupRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity group = UserEntities.requireGroup(transaction, accountId, request.groupName());
            Entity user = UserEntities.requireUser(transaction, accountId, request.userName());
            if (!transaction.deleteLink(new Link(accountId, EntityKinds.USER_IN_GROUP, user.id(), group.id()))) {
                throw IamErrors.noSuchEntity("User " + user.name() + " is not in group " + group.name() + ".");
            }
            return null;
        });
        return RemoveUserFromGroupResponse.builder().build();
    }

    public ListGroupsForUserResponse listGroupsForUser(CallContext call, ListGroupsForUserRequest request)
    {
        String accountId = call.caller().accountId();
        return context.store().read(transaction -> {
            Entity user = UserEntities.requireUser(transaction, accountId, request.userName());
            List<Entity> groups = UserEntities.groupsOf(transaction, accountId, user.id());
            IamPaging.Page<Entity> page = WholeListPaging.pageByName(groups, request.marker(), request.maxItems(), Entity::name);
            return ListGroupsForUserResponse.builder()
                    .groups(page.items().stream().map(UserEntities::toGroup).toList())
                    .isTruncated(page.truncated())
                    .marker(page.nextMarker())
                    .build();
        });
    }

    // ---- login profiles

    public CreateLoginProfileResponse createLoginProfile(CallContext call, CreateLoginProfileRequest request)
    {
        String accountId = call.caller().accountId();
        if (request.password() == null) {
            throw IamErrors.invalidInput("Password is required when creating a login profile for an IAM user.");
        }
        boolean resetRequired = Boolean.TRUE.equals(request.passwordResetRequired());
        // Hashing is slow on purpose: do it before the write transaction, not inside it.
        UserPasswordHash hash = UserPasswordHash.of(request.password());
        Entity profile = context.store().write(transaction -> {
            Entity user = targetUser(transaction, call.caller(), request.userName());
            UserPasswordRules.check(transaction, accountId, request.password());
            UserLoginProfileBody body = new UserLoginProfileBody(resetRequired, hash, List.of(), context.clock().instant().toString());
            Entity created = Entity.create(accountId, UserEntities.LOGIN_PROFILE, user.id(), user.id(), "/", EntityJson.write(body), context.clock().instant());
            if (transaction.entityById(accountId, UserEntities.LOGIN_PROFILE, user.id()).isPresent()) {
                throw EntityAlreadyExistsException.builder().message("Login Profile for user " + user.name() + " already exists.").build();
            }
            transaction.insertEntity(created);
            return created.withName(user.name());
        });
        return CreateLoginProfileResponse.builder().loginProfile(loginProfile(profile.name(), profile)).build();
    }

    public GetLoginProfileResponse getLoginProfile(CallContext call, GetLoginProfileRequest request)
    {
        return context.store().read(transaction -> {
            Entity user = targetUser(transaction, call.caller(), request.userName());
            Entity profile = requireLoginProfile(transaction, user);
            return GetLoginProfileResponse.builder().loginProfile(loginProfile(user.name(), profile)).build();
        });
    }

    public UpdateLoginProfileResponse updateLoginProfile(CallContext call, UpdateLoginProfileRequest request)
    {
        String accountId = call.caller().accountId();
        UserPasswordHash hash = request.password() == null ? null : UserPasswordHash.of(request.password());
        context.store().write(transaction -> {
            Entity user = UserEntities.requireUser(transaction, accountId, request.userName());
            Entity profile = requireLoginProfile(transaction, user);
            UserLoginProfileBody body = EntityJson.read(profile.body(), UserLoginProfileBody.class);
            UserPasswordHash newHash = body.hash();
            List<UserPasswordHash> previous = body.previousHashes();
            String changed = body.passwordLastChanged();
            if (hash != null) {
                UserPasswordRules.check(transaction, accountId, request.password());
                previous = rememberPrevious(transaction, accountId, body);
                newHash = hash;
                changed = context.clock().instant().toString();
            }
            boolean resetRequired = request.passwordResetRequired() == null ? body.passwordResetRequired() : request.passwordResetRequired();
            transaction.updateEntity(profile.withBody(EntityJson.write(new UserLoginProfileBody(resetRequired, newHash, previous, changed))));
            return null;
        });
        return UpdateLoginProfileResponse.builder().build();
    }

    public DeleteLoginProfileResponse deleteLoginProfile(CallContext call, DeleteLoginProfileRequest request)
    {
        context.store().write(transaction -> {
            Entity user = targetUser(transaction, call.caller(), request.userName());
            Entity profile = requireLoginProfile(transaction, user);
            transaction.deleteEntity(profile.accountId(), UserEntities.LOGIN_PROFILE, profile.id());
            return null;
        });
        return DeleteLoginProfileResponse.builder().build();
    }

    public ChangePasswordResponse changePassword(CallContext call, ChangePasswordRequest request)
    {
        Caller caller = call.caller();
        if (caller.type() != Caller.PrincipalType.USER) {
            throw InvalidUserTypeException.builder().message("Only IAM users can change their own password.").build();
        }
        UserPasswordHash hash = UserPasswordHash.of(request.newPassword());
        context.store().write(transaction -> {
            Entity user = UserEntities.callerUser(transaction, caller).orElseThrow();
            Entity profile = requireLoginProfile(transaction, user);
            UserLoginProfileBody body = EntityJson.read(profile.body(), UserLoginProfileBody.class);
            if (!body.hash().matches(request.oldPassword())) {
                throw new AwsErrorException("AccessDenied", "The old password is incorrect.", 403);
            }
            UserPasswordRules.check(transaction, caller.accountId(), request.newPassword());
            Optional<AccountPasswordPolicyBody> policy = UserPasswordRules.policy(transaction, caller.accountId());
            if (policy.isPresent() && policy.get().passwordReusePrevention() != null) {
                int remembered = policy.get().passwordReusePrevention();
                List<UserPasswordHash> recent = new ArrayList<>();
                recent.add(body.hash());
                recent.addAll(body.previousHashes());
                if (recent.stream().limit(remembered).anyMatch(old -> old.matches(request.newPassword()))) {
                    throw UserPasswordRules.violation("Password has been used before: the password policy prevents reusing the last " + remembered + " passwords.");
                }
            }
            List<UserPasswordHash> previous = rememberPrevious(transaction, caller.accountId(), body);
            transaction.updateEntity(profile.withBody(EntityJson.write(new UserLoginProfileBody(false, hash, previous, context.clock().instant().toString()))));
            return null;
        });
        return ChangePasswordResponse.builder().build();
    }

    private static List<UserPasswordHash> rememberPrevious(ReadTransaction transaction, String accountId, UserLoginProfileBody body)
    {
        int keep = UserPasswordRules.policy(transaction, accountId)
                .map(AccountPasswordPolicyBody::passwordReusePrevention)
                .orElse(0);
        List<UserPasswordHash> previous = new ArrayList<>();
        previous.add(body.hash());
        previous.addAll(body.previousHashes());
        return List.copyOf(previous.subList(0, Math.min(keep, previous.size())));
    }

    /**
     * The id a permissions boundary links from: an AWS managed policy's ARN, or a customer managed policy's unique id;
     * a policy that does not exist cannot be a boundary.
     */
    private static String boundaryPolicyLinkId(ReadTransaction transaction, String accountId, String policyArn)
    {
        if (policyArn.startsWith("arn:aws:iam::aws:policy/")) {
            return policyArn;
        }
        String prefix = "arn:aws:iam::" + accountId + ":policy/";
        if (policyArn.startsWith(prefix)) {
            String pathAndName = policyArn.substring(prefix.length() - 1);
            int slash = pathAndName.lastIndexOf('/');
            String path = pathAndName.substring(0, slash + 1);
            String name = pathAndName.substring(slash + 1);
            Optional<Entity> policy = transaction.entityByName(accountId, EntityKinds.MANAGED_POLICY, name)
                    .filter(found -> found.path().equals(path));
            if (policy.isPresent()) {
                return policy.get().id();
            }
        }
        throw IamErrors.noSuchEntity("Scope ARN: " + policyArn + " does not exist or is not attachable.");
    }

    private static Entity targetUser(ReadTransaction transaction, Caller caller, String userName)
    {
        return UserEntities.targetUser(transaction, caller, userName);
    }

    private static Entity requireLoginProfile(ReadTransaction transaction, Entity user)
    {
        return transaction.entityById(user.accountId(), UserEntities.LOGIN_PROFILE, user.id())
                .orElseThrow(() -> NoSuchEntityException.builder().message("Login Profile for User " + user.name() + " cannot be found.").build());
    }

    private static LoginProfile loginProfile(String userName, Entity profile)
    {
        UserLoginProfileBody body = EntityJson.read(profile.body(), UserLoginProfileBody.class);
        return LoginProfile.builder()
                .userName(userName)
                .createDate(profile.createdAt())
                .passwordResetRequired(body.passwordResetRequired())
                .build();
    }
}
