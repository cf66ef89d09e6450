package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

/** A policy document AWS would refuse; the message is AWS's MalformedPolicyDocument message. */
public final class MalformedPolicyException
        extends RuntimeException
{
    public MalformedPolicyException(String message)
    {
        super(requireNonNull(message, "message is null"), null, false, false);
    }
}
