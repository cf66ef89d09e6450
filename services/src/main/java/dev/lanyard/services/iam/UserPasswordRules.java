package dev.lanyard.services.iam;

import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.PasswordPolicyViolationException;

import java.util.Optional;

/** Checks a new console password against the account's password policy, or IAM's default policy when there is none. */
public final class UserPasswordRules
{
    // The characters IAM counts as symbols in a password policy.
    private static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

    private UserPasswordRules() {}

    public static Optional<AccountPasswordPolicyBody> policy(ReadTransaction transaction, String accountId)
    {
        return transaction.entityByName(accountId, EntityKinds.ACCOUNT_SETTINGS, AccountPasswordPolicyBody.NAME)
                .map(entity -> EntityJson.read(entity.body(), AccountPasswordPolicyBody.class));
    }

    public static void check(ReadTransaction transaction, String accountId, String password)
    {
        Optional<AccountPasswordPolicyBody> policy = policy(transaction, accountId);
        if (policy.isEmpty()) {
            checkDefault(password);
            return;
        }
        AccountPasswordPolicyBody rules = policy.get();
        if (password.length() < rules.minimumPasswordLength()) {
            throw violation("Password should have a minimum length of " + rules.minimumPasswordLength());
        }
        if (rules.requireUppercaseCharacters() && password.chars().noneMatch(character -> character >= 'A' && character <= 'Z')) {
            throw violation("Password should have at least one uppercase letter");
        }
        if (rules.requireLowercaseCharacters() && password.chars().noneMatch(character -> character >= 'a' && character <= 'z')) {
            throw violation("Password should have at least one lowercase letter");
        }
        if (rules.requireNumbers() && password.chars().noneMatch(character -> character >= '0' && character <= '9')) {
            throw violation("Password should have at least one number");
        }
        if (rules.requireSymbols() && password.chars().noneMatch(character -> SYMBOLS.indexOf(character) >= 0)) {
            throw violation("Password should have at least one symbol");
        }
    }

    /** IAM's default policy: at least 8 characters from at least three of upper case, lower case, digits and symbols. */
    private static void checkDefault(String password)
    {
        int classes = 0;
        classes += password.chars().anyMatch(character -> character >= 'A' && character <= 'Z') ? 1 : 0;
        classes += password.chars().anyMatch(character -> character >= 'a' && character <= 'z') ? 1 : 0;
        classes += password.chars().anyMatch(character -> character >= '0' && character <= '9') ? 1 : 0;
        classes += password.chars().anyMatch(character -> !Character.isLetterOrDigit(character)) ? 1 : 0;
        if (password.length() < 8 || classes < 3) {
            throw violation("Password does not conform to the account password policy.");
        }
    }

    public static PasswordPolicyViolationException violation(String message)
    {
        return PasswordPolicyViolationException.builder().message(message).build();
    }
}
