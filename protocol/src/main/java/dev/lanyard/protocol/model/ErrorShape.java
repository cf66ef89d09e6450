package dev.lanyard.protocol.model;

import dev.lanyard.protocol.AwsErrorException;

import static java.util.Objects.requireNonNull;

/**
 * A modelled error: the shape name (what the SDK names its exception class after), the code the wire carries
 * (botocore's "error.code", else the shape name), the HTTP status and whether the sender is at fault.
 */
public record ErrorShape(String name, String code, int httpStatusCode, boolean senderFault)
{
    public ErrorShape
    {
        requireNonNull(name, "name is null");
        requireNonNull(code, "code is null");
    }

    public AwsErrorException toException(String message)
    {
        return new AwsErrorException(code, message, httpStatusCode, senderFault);
    }
}
