package dev.lanyard.services.iam;

import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * SAML providers in the store, and what STS AssumeRoleWithSAML needs of them. A provider is an entity of kind
 * {@link EntityKinds#SAML_PROVIDER} named by its name; the body keeps the metadata document as given.
 */
public final class SamlProviders
{
    public static final String PRIVATE_KEY_PURPOSE_PREFIX = "saml-private-key:";

    private SamlProviders() {}

    public record PrivateKeyEntry(String keyId, String timestamp) {}

    public record Body(String metadataDocument, String validUntil, String assertionEncryptionMode, List<PrivateKeyEntry> privateKeys, List<StoredTag> tags)
    {
        public Body
        {
            privateKeys = privateKeys == null ? List.of() : List.copyOf(privateKeys);
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        Body withTags(List<StoredTag> tags)
        {
            return new Body(metadataDocument, validUntil, assertionEncryptionMode, privateKeys, tags);
        }
    }

    public static String arn(String accountId, String name)
    {
        return "arn:aws:iam::" + accountId + ":saml-provider/" + name;
    }

    public static Body body(Entity provider)
    {
        return EntityJson.read(provider.body(), Body.class);
    }

    /** The provider with this ARN in the account (a provider of another account is not found). */
    public static Optional<Entity> byArn(ReadTransaction transaction, String accountId, String arn)
    {
        String prefix = "arn:aws:iam::" + accountId + ":saml-provider/";
        if (!arn.startsWith(prefix) || arn.length() == prefix.length()) {
            return Optional.empty();
        }
        String name = arn.substring(prefix.length());
        return transaction.entityByName(accountId, EntityKinds.SAML_PROVIDER, name).filter(provider -> provider.name().equals(name));
    }

    /** The certificates that sign the provider's assertions, from its stored metadata; empty when there is no such provider. */
    public static Optional<List<X509Certificate>> signingCertificates(ReadTransaction transaction, String accountId, String arn)
    {
        return byArn(transaction, accountId, arn).map(provider -> {
            try {
                return SamlMetadata.parse(body(provider).metadataDocument()).signingCertificates();
            }
            catch (SamlMetadata.InvalidMetadataException e) {
                throw new IllegalStateException("Stored SAML metadata of " + arn + " no longer parses", e);
            }
        });
    }
}
