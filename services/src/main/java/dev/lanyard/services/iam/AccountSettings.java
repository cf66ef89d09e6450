package dev.lanyard.services.iam;

import dev.lanyard.store.Entity;
import dev.lanyard.store.WriteTransaction;

import java.time.Instant;
import java.util.Optional;

/**
 * The account-wide settings (password policy, credential report, STS preferences, outbound federation): one entity of
 * kind {@link EntityKinds#ACCOUNT_SETTINGS} each, its name and id the setting's name, its body the setting.
 */
final class AccountSettings
{
    private AccountSettings() {}

    /** Stores a setting's body, creating the setting the first time ({@code now} is then its creation time). */
    static void put(WriteTransaction transaction, String accountId, String name, String body, Instant now)
    {
        Optional<Entity> existing = transaction.entityByName(accountId, EntityKinds.ACCOUNT_SETTINGS, name);
        if (existing.isPresent()) {
            transaction.updateEntity(existing.get().withBody(body));
        }
        else {
            transaction.insertEntity(Entity.create(accountId, EntityKinds.ACCOUNT_SETTINGS, name, name, "/", body, now));
        }
    }
}
