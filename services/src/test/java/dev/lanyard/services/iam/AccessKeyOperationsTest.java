package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.store.AccessKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateUserRequest;
import software.amazon.awssdk.services.iam.model.User;

import java.nio.file.Path;

import static dev.lanyard.services.iam.UserTestSupport.assertIamError;
import static dev.lanyard.services.iam.UserTestSupport.assertWireError;
import static org.assertj.core.api.Assertions.assertThat;

class AccessKeyOperationsTest
{
    @TempDir
    Path directory;

    private UserTestSupport support;
    private AccessKeyOperations keys;
    private UserOperations users;
    private CallContext root;

    @BeforeEach
    void setUp()
    {
        support = new UserTestSupport(directory);
        keys = new AccessKeyOperations(support.context);
        users = new UserOperations(support.context);
        root = support.rootCall();
    }

    @AfterEach
    void tearDown()
    {
        support.close();
    }

    @Test
    void userKeysLifecycle()
    {
        User alice = users.createUser(root, CreateUserRequest.builder().userName("alice").build()).user();
        var created = keys.createAccessKey(root, CreateAccessKeyRequest.builder().userName("alice").build()).accessKey();
        assertThat(created.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(created.secretAccessKey()).hasSize(40);
        assertThat(created.statusAsString()).isEqualTo("Active");
        assertThat(created.userName()).isEqualTo("alice");

        // Stored under the unique id, so a rename keeps the key.
        AccessKey stored = support.store.read(transaction -> transaction.accessKey(created.accessKeyId())).orElseThrow();
        assertThat(stored.principalName()).isEqualTo(alice.userId());
        users.updateUser(root, UpdateUserRequest.builder().userName("alice").newUserName("alicia").build());
        assertThat(keys.listAccessKeys(root, ListAccessKeysRequest.builder().userName("alicia").build()).accessKeyMetadata())
                .extracting(AccessKeyMetadata::accessKeyId, AccessKeyMetadata::userName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(created.accessKeyId(), "alicia"));

        keys.createAccessKey(root, CreateAccessKeyRequest.builder().userName("alicia").build());
        assertIamError(() -> keys.createAccessKey(root, CreateAccessKeyRequest.builder().userName("alicia").build()),
                LimitExceededException.class, "Cannot exceed quota for AccessKeysPerUser: 2");

        keys.updateAccessKey(root, UpdateAccessKeyRequest.builder().userName("alicia").accessKeyId(created.accessKeyId()).status(StatusType.INACTIVE).build());
        assertThat(support.store.read(transaction -> transaction.accessKey(created.accessKeyId())).orElseThrow().status()).isEqualTo(AccessKey.Status.INACTIVE);

        // A key is found only under its own user.
        users.createUser(root, CreateUserRequest.builder().userName("bob").build());
        assertIamError(() -> keys.updateAccessKey(root, UpdateAccessKeyRequest.builder().userName("bob").accessKeyId(created.accessKeyId()).status(StatusType.ACTIVE).build()),
                NoSuchEntityException.class, "The Access Key with id " + created.accessKeyId() + " cannot be found.");
        assertIamError(() -> keys.deleteAccessKey(root, DeleteAccessKeyRequest.builder().userName("bob").accessKeyId(created.accessKeyId()).build()),
                NoSuchEntityException.class, "The Access Key with id " + created.accessKeyId() + " cannot be found.");
        assertIamError(() -> keys.listAccessKeys(root, ListAccessKeysRequest.builder().userName("nobody").build()),
                NoSuchEntityException.class, "The user with name nobody cannot be found.");

        keys.deleteAccessKey(root, DeleteAccessKeyRequest.builder().userName("alicia").accessKeyId(created.accessKeyId()).build());
        assertThat(keys.listAccessKeys(root, ListAccessKeysRequest.builder().userName("alicia").build()).accessKeyMetadata()).hasSize(1);
    }

    @Test
    void withoutUserNameTheCallerOwnsTheKey()
    {
        User alice = users.createUser(root, CreateAccessKeyRequestUser()).user();
        CallContext aliceCall = support.userCall(alice.userId(), alice.arn());
        var own = keys.createAccessKey(aliceCall, CreateAccessKeyRequest.builder().build()).accessKey();
        assertThat(own.userName()).isEqualTo("alice");
        assertThat(keys.listAccessKeys(aliceCall, ListAccessKeysRequest.builder().build()).accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId).containsExactly(own.accessKeyId());

        // The root's own keys: the bootstrap key and one more, then the quota.
        var rootKey = keys.createAccessKey(root, CreateAccessKeyRequest.builder().build()).accessKey();
        assertThat(rootKey.userName()).isNull();
        assertThat(support.store.read(transaction -> transaction.accessKey(rootKey.accessKeyId())).orElseThrow().isRoot()).isTrue();
        assertThat(keys.listAccessKeys(root, ListAccessKeysRequest.builder().build()).accessKeyMetadata()).hasSize(2);
        assertIamError(() -> keys.createAccessKey(root, CreateAccessKeyRequest.builder().build()), LimitExceededException.class, "Cannot exceed quota for AccessKeysPerUser: 2");

        assertWireError(() -> keys.createAccessKey(support.assumedRoleCall(), CreateAccessKeyRequest.builder().build()),
                "ValidationError", 400, "Must specify userName when calling with non-User credentials");
    }

    private static CreateUserRequest CreateAccessKeyRequestUser()
    {
        return CreateUserRequest.builder().userName("alice").build();
    }

    @Test
    void lastUsed()
    {
        users.createUser(root, CreateUserRequest.builder().userName("alice").build());
        var key = keys.createAccessKey(root, CreateAccessKeyRequest.builder().userName("alice").build()).accessKey();
        GetAccessKeyLastUsedResponse never = keys.getAccessKeyLastUsed(root, GetAccessKeyLastUsedRequest.builder().accessKeyId(key.accessKeyId()).build());
        assertThat(never.userName()).isEqualTo("alice");
        assertThat(never.accessKeyLastUsed().lastUsedDate()).isNull();
        assertThat(never.accessKeyLastUsed().serviceName()).isEqualTo("N/A");
        assertThat(never.accessKeyLastUsed().region()).isEqualTo("N/A");

        assertIamError(() -> keys.getAccessKeyLastUsed(support.otherAccountRootCall(), GetAccessKeyLastUsedRequest.builder().accessKeyId(key.accessKeyId()).build()),
                NoSuchEntityException.class, "The Access Key with id " + key.accessKeyId() + " cannot be found.");
    }
}
