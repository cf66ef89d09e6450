package dev.lanyard.protocol.sigv4;

import static java.util.Objects.requireNonNull;

/**
 * The credential scope of a SigV4 signature: {@code date/region/service/aws4_request}.
 * The date is the eight-digit UTC day ("20261123") the signing key was derived for.
 */
public record CredentialScope(String date, String region, String service)
{
    public static final String TERMINATOR = "aws4_request";

    public CredentialScope
    {
        requireNonNull(date, "date is null");
        requireNonNull(region, "region is null");
        requireNonNull(service, "service is null");
    }

    /** The scope as it appears in the string to sign. */
    public String toScopeString()
    {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }
}
