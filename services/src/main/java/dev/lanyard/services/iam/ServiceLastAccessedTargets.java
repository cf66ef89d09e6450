package dev.lanyard.services.iam;

import dev.lanyard.services.iam.ManagedPolicyDocuments.ManagedPolicyDocument;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.EntityInfo;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The IAM entity an access advisor ARN names: {@code arn:aws:iam::ACCOUNT:user|role|group|policy/PATH/NAME}, resolved in
 * the caller's account (AWS managed policies from the catalog). An ARN of another account is not found, as nothing is
 * visible across accounts.
 */
public final class ServiceLastAccessedTargets
{
    private ServiceLastAccessedTargets() {}

    /** A resolved target: a principal entity of {@code kind} (user, role, group), or a managed policy. */
    public record Target(String arn, String kind, Optional<Entity> principal, Optional<ManagedPolicyDocument> policy)
    {
        public Target
        {
            requireNonNull(arn, "arn is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(principal, "principal is null");
            requireNonNull(policy, "policy is null");
        }
    }

    /** The parts of an IAM ARN: resource type ("role"), path ("/a/") and name. */
    record ParsedArn(String accountId, String resourceType, String path, String name) {}

    static Optional<ParsedArn> parse(String arn)
    {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[1].startsWith("aws") || !parts[2].equals("iam") || !parts[3].isEmpty()) {
            return Optional.empty();
        }
        String resource = parts[5];
        int firstSlash = resource.indexOf('/');
        int lastSlash = resource.lastIndexOf('/');
        if (firstSlash <= 0 || lastSlash == resource.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ParsedArn(parts[4], resource.substring(0, firstSlash), resource.substring(firstSlash, lastSlash + 1), resource.substring(lastSlash + 1)));
    }

    /**
     * Resolves a user, role, group or (when {@code policiesAllowed}) managed policy ARN; throws InvalidInput for an ARN that
     * names nothing of these kinds and NoSuchEntity for one that does not exist.
     */
    public static Target resolve(ReadTransaction transaction, String accountId, String arn, boolean policiesAllowed)
    {
        ParsedArn parsed = parse(arn).orElseThrow(() -> IamErrors.invalidInput("ARN " + arn + " is not valid."));
        String kind = switch (parsed.resourceType()) {
            case "user" -> EntityKinds.USER;
            case "role" -> EntityKinds.ROLE;
            case "group" -> EntityKinds.GROUP;
            case "policy" -> policiesAllowed ? EntityKinds.MANAGED_POLICY : null;
            default -> null;
        };
        if (kind == null) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
        if (kind.equals(EntityKinds.MANAGED_POLICY)) {
            if (!parsed.accountId().equals(accountId) && !parsed.accountId().equals("aws")) {
                throw IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
            }
            ManagedPolicyDocument policy = ManagedPolicyDocuments.byArn(transaction, accountId, arn)
                    .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
            return new Target(arn, kind, Optional.empty(), Optional.of(policy));
        }
        Optional<Entity> entity = parsed.accountId().equals(accountId)
                ? transaction.entityByName(accountId, kind, parsed.name()).filter(found -> found.path().equals(parsed.path()))
                : Optional.empty();
        return new Target(arn, kind, Optional.of(entity.orElseThrow(() -> IamErrors.noSuchEntity(parsed.resourceType(), parsed.name()))), Optional.empty());
    }

    /** The entities a policy is attached to, ordered users, groups, roles (each by id). */
    public static List<EntityInfo> attachedEntities(ReadTransaction transaction, String accountId, String policyArn)
    {
        List<EntityInfo> entities = new ArrayList<>();
        Optional<String> linkId = ManagedPolicyDocuments.linkId(transaction, accountId, policyArn);
        if (linkId.isEmpty()) {
            return entities;
        }
        addLinked(transaction, accountId, EntityKinds.POLICY_ATTACHED_TO_USER, EntityKinds.USER, linkId.get(), entities);
        addLinked(transaction, accountId, EntityKinds.POLICY_ATTACHED_TO_GROUP, EntityKinds.GROUP, linkId.get(), entities);
        addLinked(transaction, accountId, EntityKinds.POLICY_ATTACHED_TO_ROLE, EntityKinds.ROLE, linkId.get(), entities);
        return entities;
    }

    private static void addLinked(ReadTransaction transaction, String accountId, String relation, String kind, String policyLinkId, List<EntityInfo> entities)
    {
        for (Link link : transaction.linksFrom(accountId, relation, policyLinkId)) {
            transaction.entityById(accountId, kind, link.toId()).ifPresent(entity -> entities.add(entityInfo(kind, entity)));
        }
    }

    public static EntityInfo entityInfo(String kind, Entity entity)
    {
        String resourceType;
        PolicyOwnerEntityType type;
        switch (kind) {
            case EntityKinds.USER -> {
                resourceType = "user";
                type = PolicyOwnerEntityType.USER;
            }
            case EntityKinds.GROUP -> {
                resourceType = "group";
                type = PolicyOwnerEntityType.GROUP;
            }
            case EntityKinds.ROLE -> {
                resourceType = "role";
                type = PolicyOwnerEntityType.ROLE;
            }
            default -> throw new IllegalArgumentException("Not a principal kind: " + kind);
        }
        return EntityInfo.builder()
                .arn(IamArns.of(entity.accountId(), resourceType, entity.path(), entity.name()))
                .name(entity.name())
                .type(type)
                .id(entity.id())
                .path(entity.path())
                .build();
    }
}
