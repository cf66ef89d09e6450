package dev.lanyard.server;

import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** Everything `lanyard serve` is configured with. Invalid settings fail at startup, never later. */
public record ServerConfig(String host, int port, Path dataDirectory, String accountId, String region, AuthMode authMode, Optional<RootCredentials> fixedRootKey)
{
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

    public ServerConfig
    {
        requireNonNull(host, "host is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(authMode, "authMode is null");
        requireNonNull(fixedRootKey, "fixedRootKey is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535: " + port);
        }
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("--account-id must be twelve digits: " + accountId);
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("--region is not a region name: " + region);
        }
    }

    /** Reads LANYARD_ROOT_ACCESS_KEY_ID / LANYARD_ROOT_SECRET_ACCESS_KEY: both or neither. */
    public static Optional<RootCredentials> fixedRootKeyFromEnvironment(String accountId, java.util.Map<String, String> environment)
    {
        String accessKeyId = environment.get("LANYARD_ROOT_ACCESS_KEY_ID");
        String secretAccessKey = environment.get("LANYARD_ROOT_SECRET_ACCESS_KEY");
        if (accessKeyId == null && secretAccessKey == null) {
            return Optional.empty();
        }
        if (accessKeyId == null || secretAccessKey == null) {
            throw new IllegalArgumentException("Set both LANYARD_ROOT_ACCESS_KEY_ID and LANYARD_ROOT_SECRET_ACCESS_KEY, or neither");
        }
        return Optional.of(new RootCredentials(accountId, accessKeyId, secretAccessKey));
    }
}
