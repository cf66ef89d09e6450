package dev.lanyard.e2e;

import dev.lanyard.services.iam.MfaBase32;
import dev.lanyard.services.iam.Totp;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.time.Instant;
import java.util.List;

/**
 * A user's virtual MFA device as an authenticator app holds it: its seed, and the last time step it gave a code for,
 * since the server accepts a step's code once.
 */
final class VirtualMfaDevice
{
    private final String serialNumber;
    private final byte[] seed;
    private long lastUsedStep;

    private VirtualMfaDevice(String serialNumber, byte[] seed, long lastUsedStep)
    {
        this.serialNumber = serialNumber;
        this.seed = seed;
        this.lastUsedStep = lastUsedStep;
    }

    /**
     * Creates a device and enables it for the user with the codes of two consecutive steps, the later one
     * {@code stepsAgo} steps before now: the steps after it stay fresh for the test's own codes.
     */
    static VirtualMfaDevice createAndEnable(IamClient iam, String userName, String deviceName, int stepsAgo)
    {
        VirtualMFADevice device = iam.createVirtualMFADevice(request -> request.virtualMFADeviceName(deviceName)).virtualMFADevice();
        byte[] seed = MfaBase32.decode(device.base32StringSeed().asUtf8String());
        long step = Totp.step(Instant.now()) - stepsAgo;
        iam.enableMFADevice(request -> request.userName(userName).serialNumber(device.serialNumber())
                .authenticationCode1(Totp.generateForStep(seed, step - 1)).authenticationCode2(Totp.generateForStep(seed, step)));
        return new VirtualMfaDevice(device.serialNumber(), seed, step);
    }

    String serialNumber()
    {
        return serialNumber;
    }

    /** A code the server has not accepted yet: one step past the last used (the server accepts ±1 step, each step once). */
    synchronized String freshCode()
    {
        long step = Math.max(Totp.step(Instant.now()), lastUsedStep + 1);
        lastUsedStep = step;
        return Totp.generateForStep(seed, step);
    }

    /** A six-digit code that is none of the codes the server would accept around now. */
    String wrongCode()
    {
        long step = Totp.step(Instant.now());
        List<String> near = List.of(Totp.generateForStep(seed, step - 1), Totp.generateForStep(seed, step), Totp.generateForStep(seed, step + 1),
                Totp.generateForStep(seed, step + 2));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!near.contains(code)) {
                return code;
            }
        }
    }
}
