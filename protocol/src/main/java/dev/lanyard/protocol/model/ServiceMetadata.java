package dev.lanyard.protocol.model;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What botocore's metadata block says about a service: API version, protocol, XML namespace, JSON target prefix. */
public record ServiceMetadata(String apiVersion, String protocol, Optional<String> xmlNamespace, Optional<String> targetPrefix)
{
    public ServiceMetadata
    {
        requireNonNull(apiVersion, "apiVersion is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(xmlNamespace, "xmlNamespace is null");
        requireNonNull(targetPrefix, "targetPrefix is null");
    }
}
