package dev.lanyard.store;

/** What a write transaction can change. A failed write throws {@link StoreException} and the whole transaction rolls back. */
public interface WriteTransaction
        extends ReadTransaction
{
    /** Throws {@link StoreException.Conflict} when the account exists. */
    void insertAccount(Account account);

    /** Throws {@link StoreException.Conflict} when the key id exists. */
    void insertAccessKey(AccessKey accessKey);

    /** Returns false when there is no such key. */
    boolean updateAccessKeyStatus(String accessKeyId, AccessKey.Status status);

    /** Returns false when there is no such key. */
    boolean deleteAccessKey(String accessKeyId);
}
