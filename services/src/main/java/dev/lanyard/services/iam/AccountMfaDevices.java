package dev.lanyard.services.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.util.List;

/**
 * What the account family reads of MFA devices, which the MFA family owns: a device entity's body names its user
 * ("userId") once enabled. Read as a JSON tree so this family does not depend on the other's record.
 */
final class AccountMfaDevices
{

    private AccountMfaDevices() {}

    static int inUse(ReadTransaction transaction, String accountId)
    {
        int inUse = 0;
        String after = null;
        while (true) {
            List<Entity> page = transaction.entities(accountId, EntityKinds.VIRTUAL_MFA_DEVICE, null, after, 1000);
            for (Entity device : page) {
                JsonNode userId = AccountJson.tree(device.body()).path("userId");
                if (userId.isTextual()) {
                    inUse++;
                }
            }
            if (page.size() < 1000) {
                return inUse;
            }
            after = page.get(page.size() - 1).name();
        }
    }
}
