package dev.lanyard.store;

import java.util.List;
import java.util.Optional;

/**
 * What a transaction can read. All reads of one transaction see one consistent snapshot; in a write transaction
 * they also see the transaction's own writes. A transaction object is valid only inside the work function it was
 * passed to.
 */
public interface ReadTransaction
{
    Optional<Account> account(String accountId);

    List<Account> accounts();

    /** A key by id, with its secret decrypted. */
    Optional<AccessKey> accessKey(String accessKeyId);

    /** The keys of one principal of an account (a user's name, or {@link AccessKey#ROOT} for the account root), oldest first. */
    List<AccessKey> accessKeys(String accountId, String principalName);

    Optional<Entity> entityById(String accountId, String kind, String id);

    /** The entity whose name equals {@code name} ignoring ASCII case. */
    Optional<Entity> entityByName(String accountId, String kind, String name);

    /**
     * One page of the entities of a kind, ordered by name ignoring ASCII case (names are unique that way, so the
     * order is total). Served from an index: walking all pages of n entities costs O(n log n), not O(n²).
     *
     * @param pathPrefix only entities whose path starts with this (case-sensitive, as in IAM); null or "/" for all
     * @param afterName exclusive marker: the name of the last entity of the previous page, or null for the first page
     * @param limit the most entities to return, at least 1
     */
    List<Entity> entities(String accountId, String kind, String pathPrefix, String afterName, int limit);

    long countEntities(String accountId, String kind);

    /** The links from one id, ordered by {@code toId}. */
    List<Link> linksFrom(String accountId, String relation, String fromId);

    /** The links to one id, ordered by {@code fromId}. */
    List<Link> linksTo(String accountId, String relation, String toId);

    /** A secret stored with {@link WriteTransaction#putSecret}, decrypted. */
    Optional<byte[]> secret(String accountId, String ownerId, String purpose);
}
