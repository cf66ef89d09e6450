package dev.lanyard.services.accounts;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Account;
import dev.lanyard.store.Store;
import dev.lanyard.store.WriteTransaction;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** Accounts and their root keys: the bootstrap of the default account, and further accounts created by its root. */
public final class AccountService
{
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

    private final Store store;
    private final Clock clock;
    private final AccessKeyGenerator generator;

    public AccountService(Store store, Clock clock, AccessKeyGenerator generator)
    {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.generator = requireNonNull(generator, "generator is null");
    }

    /**
     * Makes sure the default account and its root key exist. On an empty store the default account is created with
     * {@code requestedAccountId}; a store that already has a different default account is refused, so one data directory
     * never silently serves two identities. A fixed root key, when given, is installed (replacing a key of that id whose
     * secret differs); otherwise the oldest root key is kept, or a new one made.
     */
    public RootCredentials bootstrap(String requestedAccountId, Optional<RootCredentials> fixedRootKey)
    {
        requireValidAccountId(requestedAccountId);
        fixedRootKey.ifPresent(key -> {
            if (!ACCESS_KEY_ID.matcher(key.accessKeyId()).matches() || key.secretAccessKey().isEmpty()) {
                throw new IllegalArgumentException("The fixed root access key id must be 16 to 128 upper-case letters and digits, with a non-empty secret");
            }
        });
        return store.write(transaction -> {
            Optional<Account> existingDefault = transaction.accounts().stream().filter(Account::isDefault).findFirst();
            if (existingDefault.isPresent() && !existingDefault.get().accountId().equals(requestedAccountId)) {
                throw new IllegalStateException("The data directory belongs to default account " + existingDefault.get().accountId()
                        + ", not " + requestedAccountId + "; use another --data-dir or the same --account-id");
            }
            if (existingDefault.isEmpty()) {
                transaction.insertAccount(new Account(requestedAccountId, clock.instant(), true));
            }
            if (fixedRootKey.isPresent()) {
                return installFixedRootKey(transaction, requestedAccountId, fixedRootKey.get());
            }
            List<AccessKey> rootKeys = transaction.accessKeys(requestedAccountId, AccessKey.ROOT);
            if (!rootKeys.isEmpty()) {
                AccessKey oldest = rootKeys.get(0);
                return new RootCredentials(requestedAccountId, oldest.accessKeyId(), oldest.secretAccessKey());
            }
            return insertNewRootKey(transaction, requestedAccountId);
        });
    }

    /** Creates another account with a new root key; the caller has checked that the default account's root asks. */
    public RootCredentials createAccount(String accountId)
    {
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new AwsErrorException("ValidationError", "AccountId must be twelve digits", 400);
        }
        return store.write(transaction -> {
            if (transaction.account(accountId).isPresent()) {
                throw new AwsErrorException("EntityAlreadyExists", "Account " + accountId + " already exists.", 409);
            }
            transaction.insertAccount(new Account(accountId, clock.instant(), false));
            return insertNewRootKey(transaction, accountId);
        });
    }

    private RootCredentials installFixedRootKey(WriteTransaction transaction, String accountId, RootCredentials fixed)
    {
        Optional<AccessKey> existing = transaction.accessKey(fixed.accessKeyId());
        if (existing.isPresent()) {
            AccessKey key = existing.get();
            if (!key.accountId().equals(accountId) || !key.isRoot()) {
                throw new IllegalStateException("Access key " + fixed.accessKeyId() + " already belongs to another principal");
            }
            if (key.secretAccessKey().equals(fixed.secretAccessKey()) && key.status() == AccessKey.Status.ACTIVE) {
                return new RootCredentials(accountId, key.accessKeyId(), key.secretAccessKey());
            }
            transaction.deleteAccessKey(key.accessKeyId());
        }
        transaction.insertAccessKey(new AccessKey(fixed.accessKeyId(), accountId, AccessKey.ROOT, fixed.secretAccessKey(), AccessKey.Status.ACTIVE, clock.instant()));
        return new RootCredentials(accountId, fixed.accessKeyId(), fixed.secretAccessKey());
    }

    private RootCredentials insertNewRootKey(WriteTransaction transaction, String accountId)
    {
        AccessKey key = new AccessKey(generator.newAccessKeyId("AKIA", accountId), accountId, AccessKey.ROOT, generator.newSecretAccessKey(), AccessKey.Status.ACTIVE, clock.instant());
        transaction.insertAccessKey(key);
        return new RootCredentials(accountId, key.accessKeyId(), key.secretAccessKey());
    }

    private static void requireValidAccountId(String accountId)
    {
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("An account id is twelve digits: " + accountId);
        }
    }
}
