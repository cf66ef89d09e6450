package dev.lanyard.services.iam;

import dev.lanyard.services.iam.AwsManagedPolicies.AwsManagedPolicy;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Read access to managed policies for the policy engine and permissions boundaries: the default version's document of
 * the policies attached to a principal, or of one policy by ARN (customer managed or AWS managed).
 */
public final class ManagedPolicyDocuments
{
    private ManagedPolicyDocuments() {}

    /** A managed policy and the text of its default version (not URL-encoded). */
    public record ManagedPolicyDocument(String arn, String name, String path, String document)
    {
        public ManagedPolicyDocument
        {
            requireNonNull(arn, "arn is null");
            requireNonNull(name, "name is null");
            requireNonNull(path, "path is null");
            requireNonNull(document, "document is null");
        }
    }

    /**
     * The managed policies attached to a principal, ordered by policy name.
     *
     * @param ownerKind {@link EntityKinds#ROLE}, {@link EntityKinds#USER} or {@link EntityKinds#GROUP}
     * @param ownerId the principal's unique id
     */
    public static List<ManagedPolicyDocument> attached(ReadTransaction transaction, String accountId, String ownerKind, String ownerId)
    {
        String relation = switch (ownerKind) {
            case EntityKinds.ROLE -> EntityKinds.POLICY_ATTACHED_TO_ROLE;
            case EntityKinds.USER -> EntityKinds.POLICY_ATTACHED_TO_USER;
            case EntityKinds.GROUP -> EntityKinds.POLICY_ATTACHED_TO_GROUP;
            default -> throw new IllegalArgumentException("Managed policies attach to roles, users and groups, not " + ownerKind);
        };
        List<ManagedPolicyDocument> documents = new ArrayList<>();
        for (Link link : transaction.linksTo(accountId, relation, ownerId)) {
            byLinkId(transaction, accountId, link.fromId()).ifPresent(documents::add);
        }
        documents.sort(Comparator.comparing(document -> document.name().toLowerCase(Locale.ROOT)));
        return documents;
    }

    /** A policy by ARN as a permissions boundary names it; empty when there is no such policy in the account or AWS's catalog. */
    public static Optional<ManagedPolicyDocument> byArn(ReadTransaction transaction, String accountId, String policyArn)
    {
        try {
            ManagedPolicyOperations.PolicyTarget target = ManagedPolicyOperations.resolve(transaction, accountId, policyArn, new IllegalArgumentException());
            return target.aws().map(ManagedPolicyDocuments::of).or(() -> target.entity().map(ManagedPolicyDocuments::of));
        }
        catch (RuntimeException notFound) {
            return Optional.empty();
        }
    }

    /** The id links from a policy use: the ARN of an AWS managed policy, the id (ANPA...) of a customer managed one. */
    public static Optional<String> linkId(ReadTransaction transaction, String accountId, String policyArn)
    {
        try {
            return Optional.of(ManagedPolicyOperations.resolve(transaction, accountId, policyArn, new IllegalArgumentException()).linkId());
        }
        catch (RuntimeException notFound) {
            return Optional.empty();
        }
    }

    private static Optional<ManagedPolicyDocument> byLinkId(ReadTransaction transaction, String accountId, String linkId)
    {
        if (AwsManagedPolicies.isAwsManagedArn(linkId)) {
            return AwsManagedPolicies.byArn(linkId).map(ManagedPolicyDocuments::of);
        }
        return transaction.entityById(accountId, EntityKinds.MANAGED_POLICY, linkId).map(ManagedPolicyDocuments::of);
    }

    private static ManagedPolicyDocument of(AwsManagedPolicy policy)
    {
        return new ManagedPolicyDocument(policy.arn(), policy.name(), policy.path(), policy.document());
    }

    private static ManagedPolicyDocument of(Entity entity)
    {
        ManagedPolicyBody body = EntityJson.read(entity.body(), ManagedPolicyBody.class);
        return new ManagedPolicyDocument(IamArns.policy(entity.accountId(), entity.path(), entity.name()), entity.name(), entity.path(), body.defaultVersion().document());
    }
}
