package dev.lanyard.store;

/**
 * What a write transaction can change. A failed write throws {@link StoreException}; when it (or anything else)
 * escapes the work function, the whole transaction rolls back.
 */
public interface WriteTransaction
        extends ReadTransaction
{
    /** Throws {@link StoreException.Conflict} when the account exists, or when a second default account is inserted. */
    void insertAccount(Account account);

    /** Throws {@link StoreException.Conflict} when the key id exists; {@link StoreException} when the account does not. */
    void insertAccessKey(AccessKey accessKey);

    /** Returns false when there is no such key. */
    boolean updateAccessKeyStatus(String accessKeyId, AccessKey.Status status);

    /** Returns false when there is no such key. */
    boolean deleteAccessKey(String accessKeyId);

    /**
     * Inserts an entity with version {@link Entity#INITIAL_VERSION} (see {@link Entity#create}). Throws
     * {@link StoreException.Conflict} when the kind already has this id, or this name ignoring ASCII case, in the
     * account; {@link StoreException} when the account does not exist.
     */
    void insertEntity(Entity entity);

    /**
     * Replaces name, path and body of the entity with the same account, kind and id, if its stored version still
     * equals {@code entity.version()} (the version the caller read); {@code createdAt} is kept as stored. Returns the
     * entity as stored now, with the version incremented. Throws {@link StoreException.Conflict} when the stored
     * version differs (someone else updated it) or the new name is taken; {@link StoreException.NotFound} when there
     * is no such entity.
     */
    Entity updateEntity(Entity entity);

    /**
     * Returns false when there is no such entity. Links and secrets that mention the id are the caller's to delete:
     * IAM refuses to delete a role with attached policies instead of detaching them silently.
     */
    boolean deleteEntity(String accountId, String kind, String id);

    /**
     * Idempotent, as IAM's AttachRolePolicy and AddUserToGroup are: returns true when the link is new, false when it
     * existed. Throws {@link StoreException} when the account does not exist.
     */
    boolean insertLink(Link link);

    /** Returns false when there was no such link. */
    boolean deleteLink(Link link);

    /**
     * Stores (or replaces) a secret of an owner (an MFA device's seed, ...), encrypted; the ciphertext is bound to
     * account, owner and purpose, so it cannot be moved to another row. Throws {@link StoreException} when the
     * account does not exist.
     */
    void putSecret(String accountId, String ownerId, String purpose, byte[] plaintext);

    /** Returns false when there was no such secret. */
    boolean deleteSecret(String accountId, String ownerId, String purpose);
}
