package dev.lanyard.server;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;

import java.util.Optional;

/**
 * Decides which service a request is for, before it is authenticated (errors must already be in that service's format):
 * the X-Amz-Target prefix of JSON requests, else the service of the SigV4 credential scope, else the Query Version parameter.
 */
final class ServiceRouter
{
    private ServiceRouter() {}

    static Optional<AwsService> route(WireRequest request)
    {
        Optional<String> target = request.header("x-amz-target");
        if (target.isPresent()) {
            return AwsService.forJsonTarget(target.get());
        }
        Optional<AwsService> signed = credentialScopeService(request).flatMap(AwsService::forSigningName);
        if (signed.isPresent()) {
            return signed;
        }
        String version = request.formParameters().get("Version");
        return version == null ? Optional.empty() : AwsService.forApiVersion(version);
    }

    /** The fourth element of "AKID/date/region/service/aws4_request", from the Authorization header or the presigned query. */
    private static Optional<String> credentialScopeService(WireRequest request)
    {
        Optional<String> authorization = request.header("authorization");
        String credential;
        if (authorization.isPresent()) {
            String header = authorization.get();
            int start = header.indexOf("Credential=");
            if (start < 0) {
                return Optional.empty();
            }
            int end = header.indexOf(',', start);
            credential = header.substring(start + "Credential=".length(), end < 0 ? header.length() : end).trim();
        }
        else {
            credential = request.formParameters().get("X-Amz-Credential");
            if (credential == null) {
                return Optional.empty();
            }
        }
        String[] parts = credential.split("/");
        if (parts.length != 5) {
            return Optional.empty();
        }
        return Optional.of(parts[3]);
    }
}
