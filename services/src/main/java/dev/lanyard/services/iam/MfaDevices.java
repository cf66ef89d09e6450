package dev.lanyard.services.iam;

import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.WriteTransaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Virtual MFA devices in the store, and what STS needs of them: the seed of a user's enabled device, and one-time use of
 * each code. A device is an entity of kind {@link EntityKinds#VIRTUAL_MFA_DEVICE} named by its device name; its seed is
 * a secret (encrypted at rest, never in the body); an enabled device is linked from its user
 * ({@link #USER_HAS_MFA_DEVICE}, user id → device id) so a user's devices are found without scanning.
 */
public final class MfaDevices
{
    public static final String USER_HAS_MFA_DEVICE = "user-has-mfa-device";
    public static final String SEED_PURPOSE = "totp-seed";
    /** Steps on either side of now (after drift correction) a code may come from: RFC 6238's recommended one step. */
    public static final int VERIFY_WINDOW_STEPS = 1;

    private MfaDevices() {}

    /**
     * The entity body. {@code lastUsedStep} is the newest time step whose code was accepted (enable, resync or a
     * sign-in through STS): a code of that step or an older one is refused, so an intercepted code cannot be replayed.
     * {@code driftSteps} is the device clock's offset learned by ResyncMFADevice.
     */
    public record Body(String userId, String enableDate, long driftSteps, Long lastUsedStep, List<StoredTag> tags)
    {
        public Body
        {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        public boolean assigned()
        {
            return userId != null;
        }

        Body withAssignment(String userId, String enableDate)
        {
            return new Body(userId, enableDate, driftSteps, lastUsedStep, tags);
        }

        Body withCodeUse(long driftSteps, Long lastUsedStep)
        {
            return new Body(userId, enableDate, driftSteps, lastUsedStep, tags);
        }

        Body withTags(List<StoredTag> tags)
        {
            return new Body(userId, enableDate, driftSteps, lastUsedStep, tags);
        }
    }

    /** An enabled device of a user, with its seed. */
    public record EnabledDevice(String deviceId, String serialNumber, byte[] seed, long driftSteps, OptionalLong lastUsedStep)
    {
        public EnabledDevice
        {
            requireNonNull(deviceId, "deviceId is null");
            requireNonNull(serialNumber, "serialNumber is null");
            requireNonNull(seed, "seed is null");
            requireNonNull(lastUsedStep, "lastUsedStep is null");
        }
    }

    public static String serialNumber(String accountId, String path, String name)
    {
        return IamArns.of(accountId, "mfa", path, name);
    }

    public static String serialNumber(Entity device)
    {
        return serialNumber(device.accountId(), device.path(), device.name());
    }

    public static Body body(Entity device)
    {
        return EntityJson.read(device.body(), Body.class);
    }

    /** The virtual device with this serial number (its ARN) in the account; other serial numbers (hardware tokens) are not found. */
    public static Optional<Entity> deviceBySerial(ReadTransaction transaction, String accountId, String serialNumber)
    {
        String prefix = "arn:aws:iam::" + accountId + ":mfa/";
        if (!serialNumber.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = serialNumber.substring(serialNumber.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return transaction.entityByName(accountId, EntityKinds.VIRTUAL_MFA_DEVICE, name)
                .filter(device -> serialNumber(device).equals(serialNumber));
    }

    /** The enabled device of user {@code userId} with this serial number, and its seed; empty when there is none. */
    public static Optional<EnabledDevice> enabledDevice(ReadTransaction transaction, String accountId, String userId, String serialNumber)
    {
        Optional<Entity> device = deviceBySerial(transaction, accountId, serialNumber);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        Body body = body(device.get());
        if (!userId.equals(body.userId())) {
            return Optional.empty();
        }
        Optional<byte[]> seed = transaction.secret(accountId, device.get().id(), SEED_PURPOSE);
        return seed.map(bytes -> new EnabledDevice(device.get().id(), serialNumber, bytes, body.driftSteps(),
                body.lastUsedStep() == null ? OptionalLong.empty() : OptionalLong.of(body.lastUsedStep())));
    }

    /** The seed of user {@code userId}'s enabled device with this serial number. */
    public static Optional<byte[]> enabledSeed(ReadTransaction transaction, String accountId, String userId, String serialNumber)
    {
        return enabledDevice(transaction, accountId, userId, serialNumber).map(EnabledDevice::seed);
    }

    /**
     * Checks a code of user {@code userId}'s enabled device as a sign-in does (STS AssumeRole / GetSessionToken with
     * SerialNumber and TokenCode): the code must be of a step within one of now (after drift correction) and newer than
     * the last accepted one. An accepted step is recorded in the same transaction, so each code works once.
     */
    public static boolean verifyAndUseCode(WriteTransaction transaction, String accountId, String userId, String serialNumber, String code, Instant now)
    {
        Optional<EnabledDevice> device = enabledDevice(transaction, accountId, userId, serialNumber);
        if (device.isEmpty()) {
            return false;
        }
        Instant deviceNow = now.plusSeconds(device.get().driftSteps() * Totp.STEP_SECONDS);
        OptionalLong step = Totp.verify(device.get().seed(), code, deviceNow, VERIFY_WINDOW_STEPS);
        if (step.isEmpty()) {
            return false;
        }
        OptionalLong lastUsed = device.get().lastUsedStep();
        if (lastUsed.isPresent() && step.getAsLong() <= lastUsed.getAsLong()) {
            return false;
        }
        recordUsedStep(transaction, accountId, device.get().deviceId(), step.getAsLong());
        return true;
    }

    /** Records that the code of {@code step} was accepted for the device (it and older codes are refused from now on). */
    public static void recordUsedStep(WriteTransaction transaction, String accountId, String deviceId, long step)
    {
        Entity device = transaction.entityById(accountId, EntityKinds.VIRTUAL_MFA_DEVICE, deviceId)
                .orElseThrow(() -> new IllegalStateException("No MFA device " + deviceId));
        Body body = body(device);
        long newest = body.lastUsedStep() == null ? step : Math.max(step, body.lastUsedStep());
        transaction.updateEntity(device.withBody(EntityJson.write(body.withCodeUse(body.driftSteps(), newest))));
    }
}
