package dev.lanyard.protocol;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.util.Optional;

/**
 * Reads requests into the SDK's typed request objects and writes typed responses and errors in one wire protocol.
 * Generic over the SDK model classes (their sdkFields() metadata); it knows nothing of IAM semantics.
 */
public interface ProtocolCodec
{
    /** The operation name the request asks for (the Action parameter, or the X-Amz-Target suffix); empty when absent. */
    Optional<String> operationName(WireRequest request);

    /**
     * The typed request. Malformed values (a non-number for an integer member, a bad timestamp, bad JSON)
     * are refused with the protocol's validation error.
     */
    SdkRequest decodeRequest(OperationModel operation, WireRequest request);

    WireResponse encodeResponse(OperationModel operation, SdkResponse response, String requestId);

    WireResponse encodeError(AwsErrorException error, String requestId);

    /** The codec of a service's protocol. */
    static ProtocolCodec forService(AwsService service)
    {
        return ProtocolCodecs.forService(service);
    }
}
