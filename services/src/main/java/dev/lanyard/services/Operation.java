package dev.lanyard.services;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** One AWS operation: typed request in, typed response out; failures are thrown as typed errors. */
@FunctionalInterface
public interface Operation<I extends SdkRequest, O extends SdkResponse>
{
    O invoke(CallContext context, I request);
}
