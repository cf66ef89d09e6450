package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.ChangePasswordRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeleteGroupRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetGroupRequest;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.InvalidUserTypeException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicyViolationException;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagUserRequest;
import software.amazon.awssdk.services.iam.model.UntagUserRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateGroupRequest;
import software.amazon.awssdk.services.iam.model.UpdateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.UpdateUserRequest;
import software.amazon.awssdk.services.iam.model.User;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.lanyard.services.iam.UserTestSupport.assertIamError;
import static dev.lanyard.services.iam.UserTestSupport.assertWireError;
import static org.assertj.core.api.Assertions.assertThat;

class UserOperationsTest
{
    @TempDir
    Path directory;

    private UserTestSupport support;
    private UserOperations users;
    private CallContext root;

    @BeforeEach
    void setUp()
    {
        support = new UserTestSupport(directory);
        users = new UserOperations(support.context);
        root = support.rootCall();
    }

    @AfterEach
    void tearDown()
    {
        support.close();
    }

    private User createUser(String name)
    {
        return users.createUser(root, CreateUserRequest.builder().userName(name).build()).user();
    }

    @Test
    void createGetListUpdateDeleteUser()
    {
        CreateUserResponse created = users.createUser(root, CreateUserRequest.builder()
                .userName("alice").path("/engineering/").tags(Tag.builder().key("team").value("core").build()).build());
        User alice = created.user();
        assertThat(alice.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(alice.arn()).isEqualTo("arn:aws:iam::123456789012:user/engineering/alice");
        assertThat(alice.path()).isEqualTo("/engineering/");
        assertThat(alice.tags()).containsExactly(Tag.builder().key("team").value("core").build());

        // Names are unique ignoring case.
        assertIamError(() -> createUser("ALICE"), EntityAlreadyExistsException.class, "User with name ALICE already exists.");

        User fetched = users.getUser(root, GetUserRequest.builder().userName("Alice").build()).user();
        assertThat(fetched.userId()).isEqualTo(alice.userId());
        assertThat(fetched.tags()).hasSize(1);

        createUser("bob");
        ListUsersResponse listed = users.listUsers(root, ListUsersRequest.builder().build());
        assertThat(listed.users()).extracting(User::userName).containsExactly("alice", "bob");
        assertThat(listed.users().get(0).hasTags()).isFalse();
        assertThat(users.listUsers(root, ListUsersRequest.builder().pathPrefix("/engineering/").build()).users()).extracting(User::userName).containsExactly("alice");

        users.updateUser(root, UpdateUserRequest.builder().userName("alice").newUserName("alicia").newPath("/ops/").build());
        User renamed = users.getUser(root, GetUserRequest.builder().userName("alicia").build()).user();
        assertThat(renamed.userId()).isEqualTo(alice.userId());
        assertThat(renamed.arn()).isEqualTo("arn:aws:iam::123456789012:user/ops/alicia");
        assertIamError(() -> users.getUser(root, GetUserRequest.builder().userName("alice").build()), NoSuchEntityException.class, "The user with name alice cannot be found.");
        assertIamError(() -> users.updateUser(root, UpdateUserRequest.builder().userName("alicia").newUserName("BOB").build()),
                EntityAlreadyExistsException.class, "User with name BOB already exists.");
        assertIamError(() -> users.updateUser(root, UpdateUserRequest.builder().userName("nobody").newUserName("x").build()),
                NoSuchEntityException.class, "The user with name nobody cannot be found.");

        users.deleteUser(root, DeleteUserRequest.builder().userName("alicia").build());
        assertIamError(() -> users.deleteUser(root, DeleteUserRequest.builder().userName("alicia").build()), NoSuchEntityException.class, "The user with name alicia cannot be found.");
        assertThat(users.listUsers(root, ListUsersRequest.builder().build()).users()).extracting(User::userName).containsExactly("bob");
    }

    @Test
    void usersArePagedAndInvisibleToOtherAccounts()
    {
        IntStream.range(0, 5).forEach(index -> createUser("user" + index));
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ListUsersResponse page = users.listUsers(root, ListUsersRequest.builder().maxItems(2).marker(marker).build());
            page.users().forEach(user -> seen.add(user.userName()));
            assertThat(page.isTruncated()).isEqualTo(page.marker() != null);
            marker = page.marker();
            pages++;
        }
        while (marker != null);
        assertThat(seen).containsExactly("user0", "user1", "user2", "user3", "user4");
        assertThat(pages).isEqualTo(3);

        CallContext other = support.otherAccountRootCall();
        assertThat(users.listUsers(other, ListUsersRequest.builder().build()).users()).isEmpty();
        assertIamError(() -> users.getUser(other, GetUserRequest.builder().userName("user0").build()), NoSuchEntityException.class, "The user with name user0 cannot be found.");
    }

    @Test
    void getUserWithoutNameAnswersTheCaller()
    {
        User alice = createUser("alice");
        User self = users.getUser(support.userCall(alice.userId(), alice.arn()), GetUserRequest.builder().build()).user();
        assertThat(self.userName()).isEqualTo("alice");

        User rootUser = users.getUser(root, GetUserRequest.builder().build()).user();
        assertThat(rootUser.userId()).isEqualTo(UserTestSupport.ACCOUNT_ID);
        assertThat(rootUser.arn()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(rootUser.userName()).isNull();
        assertThat(rootUser.createDate()).isNotNull();

        assertWireError(() -> users.getUser(support.assumedRoleCall(), GetUserRequest.builder().build()),
                "ValidationError", 400, "Must specify userName when calling with non-User credentials");
    }

    @Test
    void tags()
    {
        createUser("alice");
        users.tagUser(root, TagUserRequest.builder().userName("alice").tags(tag("a", "1"), tag("b", "2")).build());
        users.tagUser(root, TagUserRequest.builder().userName("alice").tags(tag("A", "changed")).build());
        ListUserTagsResponse tags = users.listUserTags(root, ListUserTagsRequest.builder().userName("alice").build());
        assertThat(tags.tags()).containsExactly(tag("b", "2"), tag("A", "changed"));

        ListUserTagsResponse first = users.listUserTags(root, ListUserTagsRequest.builder().userName("alice").maxItems(1).build());
        assertThat(first.isTruncated()).isTrue();
        ListUserTagsResponse second = users.listUserTags(root, ListUserTagsRequest.builder().userName("alice").maxItems(1).marker(first.marker()).build());
        assertThat(second.tags()).containsExactly(tag("A", "changed"));
        assertThat(second.isTruncated()).isFalse();

        users.untagUser(root, UntagUserRequest.builder().userName("alice").tagKeys("a").build());
        assertThat(users.listUserTags(root, ListUserTagsRequest.builder().userName("alice").build()).tags()).containsExactly(tag("b", "2"));

        assertIamError(() -> users.tagUser(root, TagUserRequest.builder().userName("alice").tags(tag("x", "1"), tag("X", "2")).build()),
                InvalidInputException.class, "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        List<Tag> many = IntStream.range(0, 50).mapToObj(index -> tag("k" + index, "v")).toList();
        assertIamError(() -> users.tagUser(root, TagUserRequest.builder().userName("alice").tags(many).build()),
                LimitExceededException.class, "Cannot exceed quota for TagsPerUser: 50");
        assertIamError(() -> users.tagUser(root, TagUserRequest.builder().userName("nobody").tags(tag("a", "b")).build()),
                NoSuchEntityException.class, "The user with name nobody cannot be found.");
    }

    @Test
    void groupsAndMembership()
    {
        createUser("alice");
        createUser("bob");
        var group = users.createGroup(root, CreateGroupRequest.builder().groupName("admins").path("/ops/").build()).group();
        assertThat(group.groupId()).matches("AGPA[A-Z2-7]{17}");
        assertThat(group.arn()).isEqualTo("arn:aws:iam::123456789012:group/ops/admins");
        assertIamError(() -> users.createGroup(root, CreateGroupRequest.builder().groupName("Admins").build()),
                EntityAlreadyExistsException.class, "Group with name Admins already exists.");

        users.addUserToGroup(root, AddUserToGroupRequest.builder().groupName("admins").userName("bob").build());
        users.addUserToGroup(root, AddUserToGroupRequest.builder().groupName("admins").userName("alice").build());
        // Idempotent, as in IAM.
        users.addUserToGroup(root, AddUserToGroupRequest.builder().groupName("admins").userName("alice").build());

        GetGroupResponse firstPage = users.getGroup(root, GetGroupRequest.builder().groupName("admins").maxItems(1).build());
        assertThat(firstPage.users()).extracting(User::userName).containsExactly("alice");
        assertThat(firstPage.isTruncated()).isTrue();
        GetGroupResponse secondPage = users.getGroup(root, GetGroupRequest.builder().groupName("admins").maxItems(1).marker(firstPage.marker()).build());
        assertThat(secondPage.users()).extracting(User::userName).containsExactly("bob");
        assertThat(secondPage.isTruncated()).isFalse();

        assertThat(users.listGroupsForUser(root, ListGroupsForUserRequest.builder().userName("alice").build()).groups())
                .extracting(software.amazon.awssdk.services.iam.model.Group::groupName).containsExactly("admins");

        assertIamError(() -> users.deleteGroup(root, DeleteGroupRequest.builder().groupName("admins").build()),
                DeleteConflictException.class, "Cannot delete entity, must remove users from group first.");
        assertIamError(() -> users.deleteUser(root, DeleteUserRequest.builder().userName("alice").build()),
                DeleteConflictException.class, "Cannot delete entity, must remove users from group first.");

        users.updateGroup(root, UpdateGroupRequest.builder().groupName("admins").newGroupName("operators").build());
        assertThat(users.listGroupsForUser(root, ListGroupsForUserRequest.builder().userName("alice").build()).groups())
                .extracting(software.amazon.awssdk.services.iam.model.Group::groupName).containsExactly("operators");
        users.createGroup(root, CreateGroupRequest.builder().groupName("readers").build());
        assertIamError(() -> users.updateGroup(root, UpdateGroupRequest.builder().groupName("readers").newGroupName("OPERATORS").build()),
                EntityAlreadyExistsException.class, "Group with name OPERATORS already exists.");
        assertThat(users.listGroups(root, ListGroupsRequest.builder().pathPrefix("/ops/").build()).groups())
                .extracting(software.amazon.awssdk.services.iam.model.Group::groupName).containsExactly("operators");

        users.removeUserFromGroup(root, RemoveUserFromGroupRequest.builder().groupName("operators").userName("alice").build());
        assertIamError(() -> users.removeUserFromGroup(root, RemoveUserFromGroupRequest.builder().groupName("operators").userName("alice").build()),
                NoSuchEntityException.class, "User alice is not in group operators.");
        users.removeUserFromGroup(root, RemoveUserFromGroupRequest.builder().groupName("operators").userName("bob").build());
        users.deleteGroup(root, DeleteGroupRequest.builder().groupName("operators").build());
        assertIamError(() -> users.getGroup(root, GetGroupRequest.builder().groupName("operators").build()),
                NoSuchEntityException.class, "The group with name operators cannot be found.");
        assertIamError(() -> users.addUserToGroup(root, AddUserToGroupRequest.builder().groupName("readers").userName("nobody").build()),
                NoSuchEntityException.class, "The user with name nobody cannot be found.");
    }

    @Test
    void groupsPerUserQuota()
    {
        createUser("alice");
        for (int index = 0; index < UserOperations.GROUPS_PER_USER; index++) {
            users.createGroup(root, CreateGroupRequest.builder().groupName("g" + index).build());
            users.addUserToGroup(root, AddUserToGroupRequest.builder().groupName("g" + index).userName("alice").build());
        }
        users.createGroup(root, CreateGroupRequest.builder().groupName("one-too-many").build());
        assertIamError(() -> users.addUserToGroup(root, AddUserToGroupRequest.builder().groupName("one-too-many").userName("alice").build()),
                LimitExceededException.class, "Cannot exceed quota for GroupsPerUser: 10");
    }

    @Test
    void deleteUserRefusesWhileAnythingIsAttached()
    {
        User alice = createUser("alice");
        String accountId = UserTestSupport.ACCOUNT_ID;
        assertDeleteConflict(() -> support.store.write(transaction -> {
            transaction.insertAccessKey(new AccessKey("AKIAALICEKEY00000001", accountId, alice.userId(), "secret", AccessKey.Status.ACTIVE, Instant.now()));
            return null;
        }), () -> support.store.write(transaction -> transaction.deleteAccessKey("AKIAALICEKEY00000001")), "Cannot delete entity, must delete access keys first.");
        assertDeleteConflict(() -> support.store.write(transaction -> transaction.insertLink(new Link(accountId, EntityKinds.POLICY_ATTACHED_TO_USER, "ANPAPOLICY", alice.userId()))),
                () -> support.store.write(transaction -> transaction.deleteLink(new Link(accountId, EntityKinds.POLICY_ATTACHED_TO_USER, "ANPAPOLICY", alice.userId()))),
                "Cannot delete entity, must detach all policies first.");
        assertDeleteConflict(() -> support.store.write(transaction -> {
            transaction.insertEntity(Entity.create(accountId, UserEntities.INLINE_POLICY, "inline1", "user:" + alice.userId() + ":S3", "/", "{}", Instant.now()));
            return null;
        }), () -> support.store.write(transaction -> transaction.deleteEntity(accountId, UserEntities.INLINE_POLICY, "inline1")), "Cannot delete entity, must delete policies first.");
        assertDeleteConflict(() -> support.store.write(transaction -> transaction.insertLink(new Link(accountId, UserEntities.USER_HAS_MFA_DEVICE, alice.userId(), "device"))),
                () -> support.store.write(transaction -> transaction.deleteLink(new Link(accountId, UserEntities.USER_HAS_MFA_DEVICE, alice.userId(), "device"))),
                "Cannot delete entity, must delete MFA device first.");
        assertDeleteConflict(() -> support.store.write(transaction -> transaction.insertLink(new Link(accountId, UserEntities.SIGNING_CERTIFICATE_OF_USER, alice.userId(), "cert"))),
                () -> support.store.write(transaction -> transaction.deleteLink(new Link(accountId, UserEntities.SIGNING_CERTIFICATE_OF_USER, alice.userId(), "cert"))),
                "Cannot delete entity, must delete certificates first.");
        assertDeleteConflict(() -> support.store.write(transaction -> transaction.insertLink(new Link(accountId, UserEntities.SSH_PUBLIC_KEY_OF_USER, alice.userId(), "key"))),
                () -> support.store.write(transaction -> transaction.deleteLink(new Link(accountId, UserEntities.SSH_PUBLIC_KEY_OF_USER, alice.userId(), "key"))),
                "Cannot delete entity, must remove referenced objects first.");
        assertDeleteConflict(() -> support.store.write(transaction -> transaction.insertLink(new Link(accountId, UserEntities.SERVICE_SPECIFIC_CREDENTIAL_OF_USER, alice.userId(), "c"))),
                () -> support.store.write(transaction -> transaction.deleteLink(new Link(accountId, UserEntities.SERVICE_SPECIFIC_CREDENTIAL_OF_USER, alice.userId(), "c"))),
                "Cannot delete entity, must remove referenced objects first.");
        assertDeleteConflict(() -> users.createLoginProfile(root, CreateLoginProfileRequest.builder().userName("alice").password("Correct-Horse-1").build()),
                () -> users.deleteLoginProfile(root, DeleteLoginProfileRequest.builder().userName("alice").build()),
                "Cannot delete entity, must delete login profile first.");
        users.deleteUser(root, DeleteUserRequest.builder().userName("alice").build());
    }

    private void assertDeleteConflict(Runnable attach, Runnable detach, String message)
    {
        attach.run();
        assertIamError(() -> users.deleteUser(root, DeleteUserRequest.builder().userName("alice").build()), DeleteConflictException.class, message);
        detach.run();
    }

    @Test
    void loginProfiles()
    {
        User alice = createUser("alice");
        assertIamError(() -> users.getLoginProfile(root, GetLoginProfileRequest.builder().userName("alice").build()),
                NoSuchEntityException.class, "Login Profile for User alice cannot be found.");
        assertIamError(() -> users.createLoginProfile(root, CreateLoginProfileRequest.builder().userName("alice").password("short").build()),
                PasswordPolicyViolationException.class, "Password does not conform to the account password policy.");

        var profile = users.createLoginProfile(root, CreateLoginProfileRequest.builder().userName("alice").password("Correct-Horse-1").passwordResetRequired(true).build()).loginProfile();
        assertThat(profile.userName()).isEqualTo("alice");
        assertThat(profile.passwordResetRequired()).isTrue();
        assertIamError(() -> users.createLoginProfile(root, CreateLoginProfileRequest.builder().userName("alice").password("Correct-Horse-1").build()),
                EntityAlreadyExistsException.class, "Login Profile for user alice already exists.");

        // Only a salted hash is stored.
        String stored = support.store.read(transaction -> transaction.entityById(UserTestSupport.ACCOUNT_ID, UserEntities.LOGIN_PROFILE, alice.userId())).orElseThrow().body();
        assertThat(stored).doesNotContain("Correct-Horse-1").contains("PBKDF2WithHmacSHA512");

        users.updateLoginProfile(root, UpdateLoginProfileRequest.builder().userName("alice").passwordResetRequired(false).build());
        assertThat(users.getLoginProfile(root, GetLoginProfileRequest.builder().userName("alice").build()).loginProfile().passwordResetRequired()).isFalse();

        new AccountOperations(support.context).updateAccountPasswordPolicy(root, UpdateAccountPasswordPolicyRequest.builder()
                .minimumPasswordLength(12).requireSymbols(true).requireNumbers(true).requireUppercaseCharacters(true).requireLowercaseCharacters(true).passwordReusePrevention(2).build());
        assertIamError(() -> users.updateLoginProfile(root, UpdateLoginProfileRequest.builder().userName("alice").password("Short-1").build()),
                PasswordPolicyViolationException.class, "Password should have a minimum length of 12");
        assertIamError(() -> users.updateLoginProfile(root, UpdateLoginProfileRequest.builder().userName("alice").password("no-uppercase-123").build()),
                PasswordPolicyViolationException.class, "Password should have at least one uppercase letter");
        assertIamError(() -> users.updateLoginProfile(root, UpdateLoginProfileRequest.builder().userName("alice").password("NO-LOWERCASE-123").build()),
                PasswordPolicyViolationException.class, "Password should have at least one lowercase letter");
        assertIamError(() -> users.updateLoginProfile(root, UpdateLoginProfileRequest.builder().userName("alice").password("No-Numbers-Here").build()),
                PasswordPolicyViolationException.class, "Password should have at least one number");
        assertIamError(() -> users.updateLoginProfile(root, UpdateLoginProfileRequest.builder().userName("alice").password("NoSymbols12345").build()),
                PasswordPolicyViolationException.class, "Password should have at least one symbol");
        users.updateLoginProfile(root, UpdateLoginProfileRequest.builder().userName("alice").password("Longer-Horse-12").build());

        CallContext aliceCall = support.userCall(alice.userId(), alice.arn());
        assertWireError(() -> users.changePassword(aliceCall, ChangePasswordRequest.builder().oldPassword("Correct-Horse-1").newPassword("Another-Horse-12").build()),
                "AccessDenied", 403, "The old password is incorrect.");
        assertIamError(() -> users.changePassword(aliceCall, ChangePasswordRequest.builder().oldPassword("Longer-Horse-12").newPassword("Longer-Horse-12").build()),
                PasswordPolicyViolationException.class, "Password has been used before");
        users.changePassword(aliceCall, ChangePasswordRequest.builder().oldPassword("Longer-Horse-12").newPassword("Another-Horse-12").build());
        assertIamError(() -> users.changePassword(root, ChangePasswordRequest.builder().oldPassword("a").newPassword("b").build()),
                InvalidUserTypeException.class, "Only IAM users can change their own password.");

        users.deleteLoginProfile(root, DeleteLoginProfileRequest.builder().userName("alice").build());
        assertIamError(() -> users.deleteLoginProfile(root, DeleteLoginProfileRequest.builder().userName("alice").build()),
                NoSuchEntityException.class, "Login Profile for User alice cannot be found.");
        assertIamError(() -> users.changePassword(aliceCall, ChangePasswordRequest.builder().oldPassword("Another-Horse-12").newPassword("Third-Horse-123").build()),
                NoSuchEntityException.class, "Login Profile for User alice cannot be found.");
    }

    @Test
    void permissionsBoundaries()
    {
        String accountId = UserTestSupport.ACCOUNT_ID;
        support.store.write(transaction -> {
            transaction.insertEntity(Entity.create(accountId, EntityKinds.MANAGED_POLICY, "ANPABOUNDARY000000001", "Boundary", "/limits/", "{}", Instant.now()));
            return null;
        });
        String boundaryArn = "arn:aws:iam::123456789012:policy/limits/Boundary";
        User alice = users.createUser(root, CreateUserRequest.builder().userName("alice").permissionsBoundary(boundaryArn).build()).user();
        assertThat(alice.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundaryArn);
        assertThat(support.store.<List<Link>>read(transaction -> transaction.linksFrom(accountId, UserEntities.POLICY_BOUNDARY_OF_USER, "ANPABOUNDARY000000001")))
                .extracting(Link::toId).containsExactly(alice.userId());

        users.putUserPermissionsBoundary(root, PutUserPermissionsBoundaryRequest.builder().userName("alice").permissionsBoundary("arn:aws:iam::aws:policy/ReadOnlyAccess").build());
        assertThat(users.getUser(root, GetUserRequest.builder().userName("alice").build()).user().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(support.store.<List<Link>>read(transaction -> transaction.linksTo(accountId, UserEntities.POLICY_BOUNDARY_OF_USER, alice.userId())))
                .extracting(Link::fromId).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");

        assertIamError(() -> users.putUserPermissionsBoundary(root, PutUserPermissionsBoundaryRequest.builder().userName("alice").permissionsBoundary("arn:aws:iam::123456789012:policy/Missing").build()),
                NoSuchEntityException.class, "Scope ARN: arn:aws:iam::123456789012:policy/Missing does not exist or is not attachable.");
        // The path is part of the ARN.
        assertIamError(() -> users.createUser(root, CreateUserRequest.builder().userName("bob").permissionsBoundary("arn:aws:iam::123456789012:policy/Boundary").build()),
                NoSuchEntityException.class, "Scope ARN: arn:aws:iam::123456789012:policy/Boundary does not exist or is not attachable.");
        assertThat(users.listUsers(root, ListUsersRequest.builder().build()).users()).extracting(User::userName).containsExactly("alice");

        users.deleteUserPermissionsBoundary(root, DeleteUserPermissionsBoundaryRequest.builder().userName("alice").build());
        assertThat(users.getUser(root, GetUserRequest.builder().userName("alice").build()).user().permissionsBoundary()).isNull();
        assertThat(support.store.<List<Link>>read(transaction -> transaction.linksTo(accountId, UserEntities.POLICY_BOUNDARY_OF_USER, alice.userId()))).isEmpty();

        users.putUserPermissionsBoundary(root, PutUserPermissionsBoundaryRequest.builder().userName("alice").permissionsBoundary(boundaryArn).build());
        users.deleteUser(root, DeleteUserRequest.builder().userName("alice").build());
        assertThat(support.store.<List<Link>>read(transaction -> transaction.linksFrom(accountId, UserEntities.POLICY_BOUNDARY_OF_USER, "ANPABOUNDARY000000001"))).isEmpty();
    }

    private static Tag tag(String key, String value)
    {
        return Tag.builder().key(key).value(value).build();
    }
}
