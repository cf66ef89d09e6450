package dev.lanyard.services;

import dev.lanyard.protocol.AwsService;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What an operation knows about the call besides its typed request.
 *
 * @param userAgent the request's User-Agent header (aws:UserAgent), empty when the request had none
 */
public record CallContext(Caller caller, AwsService service, String operation, String requestId, String region, Instant requestTime, String sourceIp, boolean secureTransport, String userAgent)
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
        requireNonNull(userAgent, "userAgent is null");
    }

    /** A call without a User-Agent (tests, internal calls). */
    public CallContext(Caller caller, AwsService service, String operation, String requestId, String region, Instant requestTime, String sourceIp, boolean secureTransport)
    {
        this(caller, service, operation, requestId, region, requestTime, sourceIp, secureTransport, "");
    }
}
