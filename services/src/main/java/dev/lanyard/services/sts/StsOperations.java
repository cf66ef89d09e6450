package dev.lanyard.services.sts;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The STS operations. */
public final class StsOperations
{
    public void register(OperationRegistry registry)
    {
        registry.register(GetCallerIdentityRequest.class, this::getCallerIdentity);
    }

    public GetCallerIdentityResponse getCallerIdentity(CallContext context, GetCallerIdentityRequest request)
    {
        return GetCallerIdentityResponse.builder()
                .account(context.caller().accountId())
                .arn(context.caller().arn())
                .userId(context.caller().userId())
                .build();
    }
}
