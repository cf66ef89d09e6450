package dev.lanyard.protocol;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import static java.util.Objects.requireNonNull;

/**
 * One operation of a service: its name as the wire spells it (the botocore operation name, e.g. "CreateOpenIDConnectProvider")
 * and the SDK model classes of its request and response.
 */
public record OperationModel(AwsService service, String name, Class<? extends SdkRequest> requestClass, Class<? extends SdkResponse> responseClass)
{
    public OperationModel
    {
        requireNonNull(service, "service is null");
        requireNonNull(name, "name is null");
        requireNonNull(requestClass, "requestClass is null");
        requireNonNull(responseClass, "responseClass is null");
    }
}
