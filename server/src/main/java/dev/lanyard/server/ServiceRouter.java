package dev.lanyard.server;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.sigv4.CredentialScope;

import java.util.Optional;

/**
 * Decides which service a request is for, before it is authenticated (errors must already be in that service's format):
 * the X-Amz-Target prefix of JSON requests, else the service of the SigV4 credential scope, else the Query Version parameter.
 */
final class ServiceRouter
{
    private ServiceRouter() {}

    static Optional<AwsService> route(WireRequest request, Optional<CredentialScope> scope)
    {
        Optional<String> target = request.header("x-amz-target");
        if (target.isPresent()) {
            return AwsService.forJsonTarget(target.get());
        }
        Optional<AwsService> signed = scope.flatMap(credentialScope -> AwsService.forSigningName(credentialScope.service()));
        if (signed.isPresent()) {
            return signed;
        }
        String version = request.formParameters().get("Version");
        return version == null ? Optional.empty() : AwsService.forApiVersion(version);
    }
}
