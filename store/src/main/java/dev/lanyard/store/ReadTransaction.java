package dev.lanyard.store;

import java.util.List;
import java.util.Optional;

/** What a transaction can read. Results reflect the transaction's own writes. */
public interface ReadTransaction
{
    Optional<Account> account(String accountId);

    List<Account> accounts();

    /** A key by id, with its secret decrypted. */
    Optional<AccessKey> accessKey(String accessKeyId);

    /** The keys of one principal of an account (a user's name, or {@link AccessKey#ROOT} for the account root), oldest first. */
    List<AccessKey> accessKeys(String accountId, String principalName);
}
