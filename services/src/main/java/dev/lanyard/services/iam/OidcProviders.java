package dev.lanyard.services.iam;

import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.util.List;
import java.util.Optional;

/**
 * OpenID Connect providers in the store, and what STS AssumeRoleWithWebIdentity needs of them. A provider is an entity
 * of kind {@link EntityKinds#OIDC_PROVIDER} named by its URL without "https://" (the part its ARN ends with), so both
 * the ARN and a token's issuer find it through the name index.
 *
 * <p>Later: Lanyard cannot fetch an issuer's JWKS from the internet in every deployment; an optional, Lanyard-specific
 * inline JWKS per provider (a body field set through the admin API) is the intended way to verify tokens offline.
 */
public final class OidcProviders
{
    private static final String SCHEME = "https://";

    private OidcProviders() {}

    /** {@code url} is the URL as created (with https://). */
    public record Body(String url, List<String> clientIds, List<String> thumbprints, List<StoredTag> tags)
    {
        public Body
        {
            clientIds = clientIds == null ? List.of() : List.copyOf(clientIds);
            thumbprints = thumbprints == null ? List.of() : List.copyOf(thumbprints);
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        Body withClientIds(List<String> clientIds)
        {
            return new Body(url, clientIds, thumbprints, tags);
        }

        Body withThumbprints(List<String> thumbprints)
        {
            return new Body(url, clientIds, thumbprints, tags);
        }

        Body withTags(List<StoredTag> tags)
        {
            return new Body(url, clientIds, thumbprints, tags);
        }
    }

    public static String arn(String accountId, String nameWithoutScheme)
    {
        return "arn:aws:iam::" + accountId + ":oidc-provider/" + nameWithoutScheme;
    }

    public static Body body(Entity provider)
    {
        return EntityJson.read(provider.body(), Body.class);
    }

    /** The entity name of a provider URL: without its https:// scheme. */
    static String name(String url)
    {
        return url.substring(SCHEME.length());
    }

    /** The provider with this ARN in the account (a provider of another account is not found). */
    public static Optional<Entity> byArn(ReadTransaction transaction, String accountId, String arn)
    {
        String prefix = "arn:aws:iam::" + accountId + ":oidc-provider/";
        if (!arn.startsWith(prefix) || arn.length() == prefix.length()) {
            return Optional.empty();
        }
        return byName(transaction, accountId, arn.substring(prefix.length()));
    }

    /** The provider for a token issuer ("iss"), given with or without https://, as AssumeRoleWithWebIdentity has it. */
    public static Optional<Entity> byIssuer(ReadTransaction transaction, String accountId, String issuer)
    {
        String name = issuer.startsWith(SCHEME) ? name(issuer) : issuer;
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return byName(transaction, accountId, name);
    }

    private static Optional<Entity> byName(ReadTransaction transaction, String accountId, String name)
    {
        // Names are unique ignoring case in the store; a provider URL's path is case-sensitive, so compare exactly.
        return transaction.entityByName(accountId, EntityKinds.OIDC_PROVIDER, name).filter(provider -> provider.name().equals(name));
    }
}
