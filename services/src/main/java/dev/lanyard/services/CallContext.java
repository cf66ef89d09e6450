package dev.lanyard.services;

import dev.lanyard.protocol.AwsService;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** What an operation knows about the call besides its typed request. */
public record CallContext(Caller caller, AwsService service, String operation, String requestId, String region, Instant requestTime, String sourceIp, boolean secureTransport)
{
    public CallContext
    {
        requireNonNull(caller, "caller is null");
        requireNonNull(service, "service is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(region, "region is null");
        requireNonNull(requestTime, "requestTime is null");
        requireNonNull(sourceIp, "sourceIp is null");
    }
}
