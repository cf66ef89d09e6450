package dev.lanyard.services.sts;

import dev.lanyard.services.Caller;

import java.time.Instant;

/** Checks a one-time code against the caller's enabled MFA device; each code is accepted once. */
@FunctionalInterface
public interface MfaCodeVerifier
{
    boolean verify(Caller caller, String serialNumber, String code, Instant now);
}
