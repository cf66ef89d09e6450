package dev.lanyard.services.iam;

import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Inline policies of roles, users and groups, as stored: entities of kind {@value #KIND} named
 * {@code <ownerKind>:<ownerId>:<policyName>} (ownerKind role, user or group; ownerId the owner's unique id). All inline
 * policies of one owner are therefore adjacent in the store's name index, so listing them reads one index range, never
 * the policies of other owners. The policy engine and DeleteRole/DeleteUser/DeleteGroup read them here.
 */
public final class InlinePolicies
{
    public static final String KIND = "inline-policy";
    /** Enough for one owner's policies in one read: a role's aggregate quota (10,240 characters) holds a few hundred at most. */
    private static final int PAGE_SIZE = 100;

    private InlinePolicies() {}

    /** The body of an inline policy entity. */
    public record InlinePolicyBody(String policyName, String document)
    {
        public InlinePolicyBody
        {
            requireNonNull(policyName, "policyName is null");
            requireNonNull(document, "document is null");
        }
    }

    /** One inline policy: its name as given and its document text exactly as stored (not URL-encoded). */
    public record InlinePolicy(String entityId, String policyName, String document)
    {
        public InlinePolicy
        {
            requireNonNull(entityId, "entityId is null");
            requireNonNull(policyName, "policyName is null");
            requireNonNull(document, "document is null");
        }
    }

    public static String entityName(String ownerKind, String ownerId, String policyName)
    {
        return ownerPrefix(ownerKind, ownerId) + policyName;
    }

    static String ownerPrefix(String ownerKind, String ownerId)
    {
        return ownerKind + ":" + ownerId + ":";
    }

    /** Every inline policy of an owner, ordered by policy name ignoring case. */
    public static List<InlinePolicy> forOwner(ReadTransaction transaction, String accountId, String ownerKind, String ownerId)
    {
        List<InlinePolicy> policies = new ArrayList<>();
        String prefix = ownerPrefix(ownerKind, ownerId);
        String afterName = prefix;
        while (true) {
            List<Entity> page = transaction.entities(accountId, KIND, null, afterName, PAGE_SIZE);
            for (Entity entity : page) {
                if (!startsWithIgnoreCase(entity.name(), prefix)) {
                    return policies;
                }
                policies.add(toPolicy(entity));
                afterName = entity.name();
            }
            if (page.size() < PAGE_SIZE) {
                return policies;
            }
        }
    }

    public static boolean hasAny(ReadTransaction transaction, String accountId, String ownerKind, String ownerId)
    {
        String prefix = ownerPrefix(ownerKind, ownerId);
        return transaction.entities(accountId, KIND, null, prefix, 1).stream()
                .anyMatch(entity -> startsWithIgnoreCase(entity.name(), prefix));
    }

    public static Optional<InlinePolicy> find(ReadTransaction transaction, String accountId, String ownerKind, String ownerId, String policyName)
    {
        return transaction.entityByName(accountId, KIND, entityName(ownerKind, ownerId, policyName)).map(InlinePolicies::toPolicy);
    }

    private static InlinePolicy toPolicy(Entity entity)
    {
        InlinePolicyBody body = EntityJson.read(entity.body(), InlinePolicyBody.class);
        return new InlinePolicy(entity.id(), body.policyName(), body.document());
    }

    private static boolean startsWithIgnoreCase(String name, String prefix)
    {
        return name.length() >= prefix.length() && name.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix.toLowerCase(Locale.ROOT));
    }
}
