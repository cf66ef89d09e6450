package dev.lanyard.services.sts;

import dev.lanyard.services.Caller;
import dev.lanyard.services.iam.MfaDevices;
import dev.lanyard.store.Store;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Checks codes against the caller's enabled virtual MFA device in the store. The check and the record of the used step
 * are one write transaction, so two concurrent requests cannot both spend the same code.
 */
public final class StoreMfaCodeVerifier
        implements MfaCodeVerifier
{
    private final Store store;

    public StoreMfaCodeVerifier(Store store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public boolean verify(Caller caller, String serialNumber, String code, Instant now)
    {
        // A device belongs to an IAM user (or, for the root, to the account id); sessions present the MFA of their user.
        String ownerId = switch (caller.type()) {
            case USER, ROOT -> caller.session().map(SessionClaims::sourcePrincipalId).orElse(caller.userId());
            case ASSUMED_ROLE, FEDERATED_USER, ANONYMOUS -> null;
        };
        if (ownerId == null) {
            return false;
        }
        return store.write(transaction -> MfaDevices.verifyAndUseCode(transaction, caller.accountId(), ownerId, serialNumber, code, now));
    }
}
