package dev.lanyard.services.iam;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** IAM: long-term access keys of users and of the account root. */
public final class AccessKeyOperations
{
    /** AWS's quota, for users and the root alike. */
    public static final int ACCESS_KEYS_PER_USER = 2;

    private final IamContext context;
    private final AccessKeyGenerator generator = new AccessKeyGenerator();

    public AccessKeyOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreateAccessKeyRequest.class, this::createAccessKey);
        registry.register(ListAccessKeysRequest.class, this::listAccessKeys);
        registry.register(UpdateAccessKeyRequest.class, this::updateAccessKey);
        registry.register(DeleteAccessKeyRequest.class, this::deleteAccessKey);
        registry.register(GetAccessKeyLastUsedRequest.class, this::getAccessKeyLastUsed);
    }

    /**
     * Whose keys an operation acts on: the named user; without a name the calling user, or the root's own keys when the
     * root calls.
     *
     * @param principalName the store's principal name (the user's unique id, or {@link AccessKey#ROOT})
     * @param userName the name shown in responses, or null for the root
     */
    private record KeyOwner(String principalName, String userName) {}

    private static KeyOwner owner(ReadTransaction transaction, Caller caller, String userName)
    {
        if (userName != null) {
            Entity user = UserEntities.requireUser(transaction, caller.accountId(), userName);
            return new KeyOwner(user.id(), user.name());
        }
        Optional<Entity> self = UserEntities.callerUser(transaction, caller);
        if (self.isPresent()) {
            return new KeyOwner(self.get().id(), self.get().name());
        }
        if (caller.isRoot()) {
            return new KeyOwner(AccessKey.ROOT, null);
        }
        throw new AwsErrorException("ValidationError", "Must specify userName when calling with non-User credentials", 400);
    }

    public CreateAccessKeyResponse createAccessKey(CallContext call, CreateAccessKeyRequest request)
    {
        Caller caller = call.caller();
        // IAM shows creation dates to the second.
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        OwnedKey created = context.store().write(transaction -> {
            KeyOwner owner = owner(transaction, caller, request.userName());
            if (transaction.accessKeys(caller.accountId(), owner.principalName()).size() >= ACCESS_KEYS_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + ACCESS_KEYS_PER_USER);
            }
            AccessKey key = new AccessKey(generator.newAccessKeyId(IamIds.ACCESS_KEY, caller.accountId()), caller.accountId(), owner.principalName(), generator.newSecretAccessKey(), AccessKey.Status.ACTIVE, now);
            transaction.insertAccessKey(key);
            return new OwnedKey(key, owner.userName());
        });
        return CreateAccessKeyResponse.builder()
                .accessKey(software.amazon.awssdk.services.iam.model.AccessKey.builder()
                        .userName(created.userName())
                        .accessKeyId(created.key().accessKeyId())
                        .status(created.key().status().wireName())
                        .secretAccessKey(created.key().secretAccessKey())
                        .createDate(created.key().createdAt())
                        .build())
                .build();
    }

    private record OwnedKey(AccessKey key, String userName) {}

    public ListAccessKeysResponse listAccessKeys(CallContext call, ListAccessKeysRequest request)
    {
        Caller caller = call.caller();
        return context.store().read(transaction -> {
            KeyOwner owner = owner(transaction, caller, request.userName());
            List<AccessKey> keys = transaction.accessKeys(caller.accountId(), owner.principalName());
            IamPaging.Page<AccessKey> page = WholeListPaging.pageByName(keys, request.marker(), request.maxItems(), AccessKey::accessKeyId);
            return ListAccessKeysResponse.builder()
                    .accessKeyMetadata(page.items().stream().map(key -> AccessKeyMetadata.builder()
                            .userName(owner.userName())
                            .accessKeyId(key.accessKeyId())
                            .status(key.status().wireName())
                            .createDate(key.createdAt())
                            .build()).toList())
                    .isTruncated(page.truncated())
                    .marker(page.nextMarker())
                    .build();
        });
    }

    public UpdateAccessKeyResponse updateAccessKey(CallContext call, UpdateAccessKeyRequest request)
    {
        Caller caller = call.caller();
        AccessKey.Status status = request.status() == StatusType.ACTIVE ? AccessKey.Status.ACTIVE : AccessKey.Status.INACTIVE;
        context.store().write(transaction -> {
            KeyOwner owner = owner(transaction, caller, request.userName());
            AccessKey key = requireKey(transaction, caller.accountId(), owner, request.accessKeyId());
            transaction.updateAccessKeyStatus(key.accessKeyId(), status);
            return null;
        });
        return UpdateAccessKeyResponse.builder().build();
    }

    public DeleteAccessKeyResponse deleteAccessKey(CallContext call, DeleteAccessKeyRequest request)
    {
        Caller caller = call.caller();
        context.store().write(transaction -> {
            KeyOwner owner = owner(transaction, caller, request.userName());
            AccessKey key = requireKey(transaction, caller.accountId(), owner, request.accessKeyId());
            transaction.deleteAccessKey(key.accessKeyId());
            transaction.deleteEntity(caller.accountId(), AccessKeyLastUsedBody.KIND, key.accessKeyId());
            return null;
        });
        return DeleteAccessKeyResponse.builder().build();
    }

    public GetAccessKeyLastUsedResponse getAccessKeyLastUsed(CallContext call, GetAccessKeyLastUsedRequest request)
    {
        String accountId = call.caller().accountId();
        return context.store().read(transaction -> {
            AccessKey key = transaction.accessKey(request.accessKeyId())
                    .filter(found -> found.accountId().equals(accountId))
                    .orElseThrow(() -> noSuchKey(request.accessKeyId()));
            String userName = key.isRoot() ? null : transaction.entityById(accountId, EntityKinds.USER, key.principalName()).map(Entity::name).orElse(null);
            Optional<AccessKeyLastUsedBody> lastUsed = transaction.entityById(accountId, AccessKeyLastUsedBody.KIND, key.accessKeyId())
                    .map(entity -> EntityJson.read(entity.body(), AccessKeyLastUsedBody.class));
            // Never used: AWS leaves the date out and says "N/A" for service and region.
            AccessKeyLastUsed shape = lastUsed
                    .map(used -> AccessKeyLastUsed.builder()
                            .lastUsedDate(Instant.parse(used.lastUsedDate()))
                            .serviceName(used.serviceName())
                            .region(used.region())
                            .build())
                    .orElse(AccessKeyLastUsed.builder().serviceName("N/A").region("N/A").build());
            return GetAccessKeyLastUsedResponse.builder().userName(userName).accessKeyLastUsed(shape).build();
        });
    }

    private static AccessKey requireKey(ReadTransaction transaction, String accountId, KeyOwner owner, String accessKeyId)
    {
        return transaction.accessKey(accessKeyId)
                .filter(key -> key.accountId().equals(accountId) && key.principalName().equals(owner.principalName()))
                .orElseThrow(() -> noSuchKey(accessKeyId));
    }

    private static NoSuchEntityException noSuchKey(String accessKeyId)
    {
        return NoSuchEntityException.builder().message("The Access Key with id " + accessKeyId + " cannot be found.").build();
    }
}
