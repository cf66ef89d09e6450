package dev.lanyard.services.iam;

import static java.util.Objects.requireNonNull;

/**
 * When an access key was last used, stored as kind {@link #KIND} with the key id as id and name. Written by the
 * authenticator at most once a minute per key, off the request path.
 *
 * @param lastUsedDate ISO-8601 instant
 * @param serviceName the signing name of the service called ("iam", "sts", ...)
 * @param region the region of the request's credential scope
 */
public record AccessKeyLastUsedBody(String lastUsedDate, String serviceName, String region)
{
    public static final String KIND = "access-key-last-used";

    public AccessKeyLastUsedBody
    {
        requireNonNull(lastUsedDate, "lastUsedDate is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(region, "region is null");
    }
}
