package dev.lanyard.services.iam;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.Caller;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Reading users and groups from the store and turning them into the SDK's shapes; shared by the user-facing families. */
public final class UserEntities
{
    /** Login profiles: one entity per user, id and name both the user's unique id. */
    public static final String LOGIN_PROFILE = "login-profile";
    /** Signing certificates, SSH public keys and service-specific credentials of a user: user id → credential id. */
    public static final String SIGNING_CERTIFICATE_OF_USER = "signing-certificate-of-user";
    public static final String SSH_PUBLIC_KEY_OF_USER = "ssh-public-key-of-user";
    public static final String SERVICE_SPECIFIC_CREDENTIAL_OF_USER = "service-specific-credential-of-user";
    /** An enabled MFA device of a user (kept by the MFA family): user id → device id. */
    public static final String USER_HAS_MFA_DEVICE = "user-has-mfa-device";
    /** A managed policy set as a user's permissions boundary: policy id (or an AWS managed policy's ARN) → user id. */
    public static final String POLICY_BOUNDARY_OF_USER = "policy-boundary-of-user";
    /** Inline policies are stored (by the inline policy family) as kind "inline-policy" named "user:USERID:POLICYNAME". */
    public static final String INLINE_POLICY = "inline-policy";

    private UserEntities() {}

    public static Entity requireUser(ReadTransaction transaction, String accountId, String userName)
    {
        return transaction.entityByName(accountId, EntityKinds.USER, userName)
                .orElseThrow(() -> IamErrors.noSuchEntity("user", userName));
    }

    public static Entity requireGroup(ReadTransaction transaction, String accountId, String groupName)
    {
        return transaction.entityByName(accountId, EntityKinds.GROUP, groupName)
                .orElseThrow(() -> IamErrors.noSuchEntity("group", groupName));
    }

    /**
     * The user an operation without UserName acts on: the calling IAM user. Callers that are no IAM user (the root,
     * assumed roles) get empty, and each operation decides what that means (root keys, the root's own shape, ...).
     */
    public static Optional<Entity> callerUser(ReadTransaction transaction, Caller caller)
    {
        if (caller.type() != Caller.PrincipalType.USER) {
            return Optional.empty();
        }
        return Optional.of(transaction.entityById(caller.accountId(), EntityKinds.USER, caller.userId())
                .orElseThrow(() -> IamErrors.noSuchEntity("The user with name " + userNameOf(caller) + " cannot be found.")));
    }

    private static String userNameOf(Caller caller)
    {
        return caller.arn().substring(caller.arn().lastIndexOf('/') + 1);
    }

    /**
     * The user an operation acts on: the named one, or without a name the calling IAM user. Other callers must name
     * one, as AWS answers them.
     */
    public static Entity targetUser(ReadTransaction transaction, Caller caller, String userName)
    {
        if (userName != null) {
            return requireUser(transaction, caller.accountId(), userName);
        }
        return callerUser(transaction, caller)
                .orElseThrow(() -> new AwsErrorException("ValidationError", "Must specify userName when calling with non-User credentials", 400));
    }

    public static UserBody body(Entity user)
    {
        return EntityJson.read(user.body(), UserBody.class);
    }

    public static User toUser(Entity user)
    {
        UserBody body = body(user);
        User.Builder builder = User.builder()
                .path(user.path())
                .userName(user.name())
                .userId(user.id())
                .arn(IamArns.user(user.accountId(), user.path(), user.name()))
                .createDate(user.createdAt());
        if (body.permissionsBoundaryArn() != null) {
            builder.permissionsBoundary(AttachedPermissionsBoundary.builder()
                    .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                    .permissionsBoundaryArn(body.permissionsBoundaryArn())
                    .build());
        }
        if (body.passwordLastUsed() != null) {
            builder.passwordLastUsed(Instant.parse(body.passwordLastUsed()));
        }
        return builder.build();
    }

    /** GetUser and CreateUser show tags; ListUsers does not (as AWS). */
    public static User toUserWithTags(Entity user)
    {
        List<StoredTag> tags = body(user).tags();
        User shape = toUser(user);
        return tags.isEmpty() ? shape : shape.toBuilder().tags(EntityTags.toSdk(tags)).build();
    }

    public static Group toGroup(Entity group)
    {
        return Group.builder()
                .path(group.path())
                .groupName(group.name())
                .groupId(group.id())
                .arn(IamArns.group(group.accountId(), group.path(), group.name()))
                .createDate(group.createdAt())
                .build();
    }

    /** The groups a user belongs to, ordered by name. */
    public static List<Entity> groupsOf(ReadTransaction transaction, String accountId, String userId)
    {
        return byName(transaction, accountId, EntityKinds.GROUP, transaction.linksFrom(accountId, EntityKinds.USER_IN_GROUP, userId), Link::toId);
    }

    /** The members of a group, ordered by name. */
    public static List<Entity> membersOf(ReadTransaction transaction, String accountId, String groupId)
    {
        return byName(transaction, accountId, EntityKinds.USER, transaction.linksTo(accountId, EntityKinds.USER_IN_GROUP, groupId), Link::fromId);
    }

    /** The entities of {@code kind} that {@code links} lead to (through {@code farEnd}), ordered by name ignoring case. */
    private static List<Entity> byName(ReadTransaction transaction, String accountId, String kind, List<Link> links, Function<Link, String> farEnd)
    {
        List<Entity> entities = new ArrayList<>();
        links.forEach(link -> transaction.entityById(accountId, kind, farEnd.apply(link)).ifPresent(entities::add));
        entities.sort(Comparator.comparing(entity -> entity.name().toLowerCase(Locale.ROOT)));
        return entities;
    }

    /**
     * The inline policies of a user, group or role ({@code owner} is "user", "group" or "role"): their store names begin
     * with "owner:ID:", and since ids are upper case and names are ordered ignoring case they form one run of the name
     * index, read page by page from just after the prefix.
     */
    public static List<Entity> inlinePolicies(ReadTransaction transaction, String accountId, String owner, String ownerId)
    {
        String prefix = owner + ":" + ownerId + ":";
        List<Entity> policies = new ArrayList<>();
        String after = prefix;
        while (true) {
            List<Entity> page = transaction.entities(accountId, INLINE_POLICY, null, after, 100);
            for (Entity entity : page) {
                if (!entity.name().regionMatches(true, 0, prefix, 0, prefix.length())) {
                    return policies;
                }
                policies.add(entity);
            }
            if (page.size() < 100) {
                return policies;
            }
            after = page.get(page.size() - 1).name();
        }
    }

    /** An inline policy's own name: the part after "owner:ID:". */
    public static String inlinePolicyName(Entity policy)
    {
        String name = policy.name();
        return name.substring(name.indexOf(':', name.indexOf(':') + 1) + 1);
    }

    public static boolean hasInlinePolicies(ReadTransaction transaction, String accountId, String owner, String ownerId)
    {
        String prefix = owner + ":" + ownerId + ":";
        List<Entity> first = transaction.entities(accountId, INLINE_POLICY, null, prefix, 1);
        return !first.isEmpty() && first.get(0).name().regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
