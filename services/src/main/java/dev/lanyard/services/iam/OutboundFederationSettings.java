package dev.lanyard.services.iam;

import static java.util.Objects.requireNonNull;

/**
 * An account's outbound web identity federation setting, stored as the account-settings entity {@value #NAME}. The
 * issuer URL is made once per account and kept while the feature is disabled, so re-enabling gives the same issuer and
 * external services' trust configuration stays valid.
 */
public record OutboundFederationSettings(boolean enabled, String issuerIdentifier)
{
    public static final String NAME = "outbound-web-identity-federation";

    public OutboundFederationSettings
    {
        requireNonNull(issuerIdentifier, "issuerIdentifier is null");
    }
}
