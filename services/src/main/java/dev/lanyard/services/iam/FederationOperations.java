package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.iam.model.AddClientIdToOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.AddClientIdToOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.CreateSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.CreateSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.DeleteOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.DeleteOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.DeleteSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.DeleteSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProviderTagsRequest;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProviderTagsResponse;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProvidersRequest;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProvidersResponse;
import software.amazon.awssdk.services.iam.model.ListSamlProviderTagsRequest;
import software.amazon.awssdk.services.iam.model.ListSamlProviderTagsResponse;
import software.amazon.awssdk.services.iam.model.ListSamlProvidersRequest;
import software.amazon.awssdk.services.iam.model.ListSamlProvidersResponse;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.RemoveClientIdFromOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.RemoveClientIdFromOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.SAMLPrivateKey;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.TagOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.TagSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.TagSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.UntagOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.UntagOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.UntagSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.UntagSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.UpdateOpenIdConnectProviderThumbprintRequest;
import software.amazon.awssdk.services.iam.model.UpdateOpenIdConnectProviderThumbprintResponse;
import software.amazon.awssdk.services.iam.model.UpdateSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.UpdateSamlProviderResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** IAM: OIDC and SAML providers. See {@link OidcProviders} and {@link SamlProviders} for what STS uses. */
public final class FederationOperations
{
    public static final int MAX_OIDC_PROVIDERS_PER_ACCOUNT = 100;
    public static final int MAX_SAML_PROVIDERS_PER_ACCOUNT = 100;
    public static final int MAX_CLIENT_IDS = 100;
    public static final int MAX_THUMBPRINTS = 5;
    public static final int MAX_SAML_PRIVATE_KEYS = 2;
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9a-fA-F]{40}");
    private static final int LISTING_LIMIT = 1000;

    private final IamContext context;

    public FederationOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreateOpenIdConnectProviderRequest.class, this::createOpenIdConnectProvider);
        registry.register(GetOpenIdConnectProviderRequest.class, this::getOpenIdConnectProvider);
        registry.register(ListOpenIdConnectProvidersRequest.class, this::listOpenIdConnectProviders);
        registry.register(DeleteOpenIdConnectProviderRequest.class, this::deleteOpenIdConnectProvider);
        registry.register(AddClientIdToOpenIdConnectProviderRequest.class, this::addClientIdToOpenIdConnectProvider);
        registry.register(RemoveClientIdFromOpenIdConnectProviderRequest.class, this::removeClientIdFromOpenIdConnectProvider);
        registry.register(UpdateOpenIdConnectProviderThumbprintRequest.class, this::updateOpenIdConnectProviderThumbprint);
        registry.register(TagOpenIdConnectProviderRequest.class, this::tagOpenIdConnectProvider);
        registry.register(UntagOpenIdConnectProviderRequest.class, this::untagOpenIdConnectProvider);
        registry.register(ListOpenIdConnectProviderTagsRequest.class, this::listOpenIdConnectProviderTags);

        registry.register(CreateSamlProviderRequest.class, this::createSamlProvider);
        registry.register(GetSamlProviderRequest.class, this::getSamlProvider);
        registry.register(ListSamlProvidersRequest.class, this::listSamlProviders);
        registry.register(UpdateSamlProviderRequest.class, this::updateSamlProvider);
        registry.register(DeleteSamlProviderRequest.class, this::deleteSamlProvider);
        registry.register(TagSamlProviderRequest.class, this::tagSamlProvider);
        registry.register(UntagSamlProviderRequest.class, this::untagSamlProvider);
        registry.register(ListSamlProviderTagsRequest.class, this::listSamlProviderTags);
    }

    // ---- OpenID Connect

    CreateOpenIdConnectProviderResponse createOpenIdConnectProvider(CallContext call, CreateOpenIdConnectProviderRequest request)
    {
        String accountId = call.caller().accountId();
        String url = request.url();
        if (!url.toLowerCase(Locale.ROOT).startsWith("https://") || url.length() == "https://".length() || url.contains("?") || url.contains("#")) {
            throw IamErrors.invalidInput("Invalid Open ID Connect Provider URL");
        }
        url = "https://" + url.substring("https://".length());
        List<String> clientIds = distinct(request.clientIDList());
        if (clientIds.size() > MAX_CLIENT_IDS) {
            throw clientIdQuota();
        }
        List<String> thumbprints = thumbprints(request.thumbprintList());
        List<StoredTag> tags = EntityTags.fromRequest(request.tags(), EntityTags.Taggable.OPEN_ID_CONNECT_PROVIDER);
        String name = OidcProviders.name(url);
        Entity provider = Entity.create(accountId, EntityKinds.OIDC_PROVIDER, IamIds.random(21), name, "/",
                EntityJson.write(new OidcProviders.Body(url, clientIds, thumbprints, tags)), context.clock().instant());
        String finalUrl = url;
        context.store().write(transaction -> {
            AccountEntityQuota.insert(transaction, provider, "OpenIdConnectProvidersPerAccount", MAX_OIDC_PROVIDERS_PER_ACCOUNT,
                    () -> EntityAlreadyExistsException.builder().message("Provider with url " + finalUrl + " already exists.").build());
            return null;
        });
        CreateOpenIdConnectProviderResponse.Builder response = CreateOpenIdConnectProviderResponse.builder()
                .openIDConnectProviderArn(OidcProviders.arn(accountId, name));
        if (!tags.isEmpty()) {
            response.tags(EntityTags.toSdk(tags));
        }
        return response.build();
    }

    GetOpenIdConnectProviderResponse getOpenIdConnectProvider(CallContext call, GetOpenIdConnectProviderRequest request)
    {
        Entity provider = context.store().read(transaction -> oidcProvider(transaction, call, request.openIDConnectProviderArn()));
        OidcProviders.Body body = OidcProviders.body(provider);
        GetOpenIdConnectProviderResponse.Builder response = GetOpenIdConnectProviderResponse.builder()
                // AWS shows the URL without its scheme
                .url(provider.name())
                .clientIDList(body.clientIds())
                .thumbprintList(body.thumbprints())
                .createDate(provider.createdAt());
        if (!body.tags().isEmpty()) {
            response.tags(EntityTags.toSdk(body.tags()));
        }
        return response.build();
    }

    ListOpenIdConnectProvidersResponse listOpenIdConnectProviders(CallContext call, ListOpenIdConnectProvidersRequest request)
    {
        String accountId = call.caller().accountId();
        // At most 100 per account (the quota), so one page of the index holds them all.
        List<Entity> providers = context.store().read(transaction -> transaction.entities(accountId, EntityKinds.OIDC_PROVIDER, null, null, LISTING_LIMIT));
        return ListOpenIdConnectProvidersResponse.builder()
                .openIDConnectProviderList(providers.stream()
                        .map(provider -> OpenIDConnectProviderListEntry.builder().arn(OidcProviders.arn(accountId, provider.name())).build())
                        .toList())
                .build();
    }

    DeleteOpenIdConnectProviderResponse deleteOpenIdConnectProvider(CallContext call, DeleteOpenIdConnectProviderRequest request)
    {
        context.store().write(transaction -> {
            Entity provider = oidcProvider(transaction, call, request.openIDConnectProviderArn());
            transaction.deleteEntity(provider.accountId(), EntityKinds.OIDC_PROVIDER, provider.id());
            return null;
        });
        return DeleteOpenIdConnectProviderResponse.builder().build();
    }

    AddClientIdToOpenIdConnectProviderResponse addClientIdToOpenIdConnectProvider(CallContext call, AddClientIdToOpenIdConnectProviderRequest request)
    {
        updateOidc(call, request.openIDConnectProviderArn(), body -> {
            if (body.clientIds().contains(request.clientID())) {
                return body; // adding a present client ID succeeds and changes nothing
            }
            if (body.clientIds().size() >= MAX_CLIENT_IDS) {
                throw clientIdQuota();
            }
            List<String> clientIds = new ArrayList<>(body.clientIds());
            clientIds.add(request.clientID());
            return body.withClientIds(clientIds);
        });
        return AddClientIdToOpenIdConnectProviderResponse.builder().build();
    }

    RemoveClientIdFromOpenIdConnectProviderResponse removeClientIdFromOpenIdConnectProvider(CallContext call, RemoveClientIdFromOpenIdConnectProviderRequest request)
    {
        // Removing an absent client ID succeeds, as AWS documents.
        updateOidc(call, request.openIDConnectProviderArn(), body -> body.withClientIds(body.clientIds().stream().filter(id -> !id.equals(request.clientID())).toList()));
        return RemoveClientIdFromOpenIdConnectProviderResponse.builder().build();
    }

    UpdateOpenIdConnectProviderThumbprintResponse updateOpenIdConnectProviderThumbprint(CallContext call, UpdateOpenIdConnectProviderThumbprintRequest request)
    {
        List<String> thumbprints = thumbprints(request.thumbprintList());
        updateOidc(call, request.openIDConnectProviderArn(), body -> body.withThumbprints(thumbprints));
        return UpdateOpenIdConnectProviderThumbprintResponse.builder().build();
    }

    TagOpenIdConnectProviderResponse tagOpenIdConnectProvider(CallContext call, TagOpenIdConnectProviderRequest request)
    {
        updateOidc(call, request.openIDConnectProviderArn(), body -> body.withTags(EntityTags.merge(body.tags(), request.tags(), EntityTags.Taggable.OPEN_ID_CONNECT_PROVIDER)));
        return TagOpenIdConnectProviderResponse.builder().build();
    }

    UntagOpenIdConnectProviderResponse untagOpenIdConnectProvider(CallContext call, UntagOpenIdConnectProviderRequest request)
    {
        updateOidc(call, request.openIDConnectProviderArn(), body -> body.withTags(EntityTags.remove(body.tags(), request.tagKeys())));
        return UntagOpenIdConnectProviderResponse.builder().build();
    }

    ListOpenIdConnectProviderTagsResponse listOpenIdConnectProviderTags(CallContext call, ListOpenIdConnectProviderTagsRequest request)
    {
        Entity provider = context.store().read(transaction -> oidcProvider(transaction, call, request.openIDConnectProviderArn()));
        IamPaging.Page<Tag> page = EntityTags.page(OidcProviders.body(provider).tags(), request.marker(), request.maxItems());
        return ListOpenIdConnectProviderTagsResponse.builder().tags(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    private void updateOidc(CallContext call, String arn, UnaryOperator<OidcProviders.Body> change)
    {
        context.store().write(transaction -> {
            Entity provider = oidcProvider(transaction, call, arn);
            OidcProviders.Body body = OidcProviders.body(provider);
            OidcProviders.Body changed = change.apply(body);
            if (!changed.equals(body)) {
                transaction.updateEntity(provider.withBody(EntityJson.write(changed)));
            }
            return null;
        });
    }

    private static Entity oidcProvider(ReadTransaction transaction, CallContext call, String arn)
    {
        checkArn(arn);
        return OidcProviders.byArn(transaction, call.caller().accountId(), arn)
                .orElseThrow(() -> IamErrors.noSuchEntity("OpenIDConnect Provider not found for arn " + arn));
    }

    private static List<String> thumbprints(List<String> requested)
    {
        List<String> thumbprints = distinct(requested);
        if (thumbprints.size() > MAX_THUMBPRINTS) {
            throw IamErrors.invalidInput("Thumbprint list must contain fewer than 5 entries.");
        }
        for (String thumbprint : thumbprints) {
            if (!THUMBPRINT.matcher(thumbprint).matches()) {
                throw IamErrors.invalidInput("Thumbprint " + thumbprint + " is not a 40-character hexadecimal SHA-1 fingerprint.");
            }
        }
        return thumbprints;
    }

    private static List<String> distinct(List<String> values)
    {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }

    private static RuntimeException clientIdQuota()
    {
        return IamErrors.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
    }

    // ---- SAML

    CreateSamlProviderResponse createSamlProvider(CallContext call, CreateSamlProviderRequest request)
    {
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        String validUntil = validUntil(metadata(request.samlMetadataDocument()), now);
        List<StoredTag> tags = EntityTags.fromRequest(request.tags(), EntityTags.Taggable.SAML_PROVIDER);
        String id = IamIds.random(32);
        List<SamlProviders.PrivateKeyEntry> keys = request.addPrivateKey() == null
                ? List.of()
                : List.of(new SamlProviders.PrivateKeyEntry(newPrivateKeyId(request.addPrivateKey()), now.toString()));
        Entity provider = Entity.create(accountId, EntityKinds.SAML_PROVIDER, id, request.name(), "/",
                EntityJson.write(new SamlProviders.Body(request.samlMetadataDocument(), validUntil, request.assertionEncryptionModeAsString(), keys, tags)), now);
        context.store().write(transaction -> {
            AccountEntityQuota.insert(transaction, provider, "SamlProvidersPerAccount", MAX_SAML_PROVIDERS_PER_ACCOUNT,
                    () -> EntityAlreadyExistsException.builder().message("Provider with name " + request.name() + " already exists.").build());
            for (SamlProviders.PrivateKeyEntry key : keys) {
                putPrivateKey(transaction, provider, key, request.addPrivateKey());
            }
            return null;
        });
        CreateSamlProviderResponse.Builder response = CreateSamlProviderResponse.builder().samlProviderArn(SamlProviders.arn(accountId, request.name()));
        if (!tags.isEmpty()) {
            response.tags(EntityTags.toSdk(tags));
        }
        return response.build();
    }

    GetSamlProviderResponse getSamlProvider(CallContext call, GetSamlProviderRequest request)
    {
        Entity provider = context.store().read(transaction -> samlProvider(transaction, call, request.samlProviderArn()));
        SamlProviders.Body body = SamlProviders.body(provider);
        GetSamlProviderResponse.Builder response = GetSamlProviderResponse.builder()
                .samlProviderUUID(provider.id())
                .samlMetadataDocument(body.metadataDocument())
                .createDate(provider.createdAt())
                .validUntil(Instant.parse(body.validUntil()));
        if (body.assertionEncryptionMode() != null) {
            response.assertionEncryptionMode(body.assertionEncryptionMode());
        }
        if (!body.privateKeys().isEmpty()) {
            response.privateKeyList(body.privateKeys().stream()
                    .map(key -> SAMLPrivateKey.builder().keyId(key.keyId()).timestamp(Instant.parse(key.timestamp())).build())
                    .toList());
        }
        if (!body.tags().isEmpty()) {
            response.tags(EntityTags.toSdk(body.tags()));
        }
        return response.build();
    }

    ListSamlProvidersResponse listSamlProviders(CallContext call, ListSamlProvidersRequest request)
    {
        String accountId = call.caller().accountId();
        List<Entity> providers = context.store().read(transaction -> transaction.entities(accountId, EntityKinds.SAML_PROVIDER, null, null, LISTING_LIMIT));
        return ListSamlProvidersResponse.builder()
                .samlProviderList(providers.stream()
                        .map(provider -> SAMLProviderListEntry.builder()
                                .arn(SamlProviders.arn(accountId, provider.name()))
                                .validUntil(Instant.parse(SamlProviders.body(provider).validUntil()))
                                .createDate(provider.createdAt())
                                .build())
                        .toList())
                .build();
    }

    UpdateSamlProviderResponse updateSamlProvider(CallContext call, UpdateSamlProviderRequest request)
    {
        Instant now = context.clock().instant();
        String validUntil = request.samlMetadataDocument() == null ? null : validUntil(metadata(request.samlMetadataDocument()), now);
        String arn = request.samlProviderArn();
        context.store().write(transaction -> {
            Entity provider = samlProvider(transaction, call, arn);
            SamlProviders.Body body = SamlProviders.body(provider);
            List<SamlProviders.PrivateKeyEntry> keys = new ArrayList<>(body.privateKeys());
            if (request.removePrivateKey() != null) {
                if (!keys.removeIf(key -> key.keyId().equals(request.removePrivateKey()))) {
                    throw IamErrors.invalidInput("The private key " + request.removePrivateKey() + " does not exist.");
                }
                transaction.deleteSecret(provider.accountId(), provider.id(), SamlProviders.PRIVATE_KEY_PURPOSE_PREFIX + request.removePrivateKey());
            }
            if (request.addPrivateKey() != null) {
                if (keys.size() >= MAX_SAML_PRIVATE_KEYS) {
                    throw IamErrors.limitExceeded("Cannot exceed quota for PrivateKeysPerSamlProvider: " + MAX_SAML_PRIVATE_KEYS);
                }
                SamlProviders.PrivateKeyEntry key = new SamlProviders.PrivateKeyEntry(newPrivateKeyId(request.addPrivateKey()), now.toString());
                putPrivateKey(transaction, provider, key, request.addPrivateKey());
                keys.add(key);
            }
            SamlProviders.Body changed = new SamlProviders.Body(
                    request.samlMetadataDocument() == null ? body.metadataDocument() : request.samlMetadataDocument(),
                    validUntil == null ? body.validUntil() : validUntil,
                    request.assertionEncryptionMode() == null ? body.assertionEncryptionMode() : request.assertionEncryptionModeAsString(),
                    keys,
                    body.tags());
            transaction.updateEntity(provider.withBody(EntityJson.write(changed)));
            return null;
        });
        return UpdateSamlProviderResponse.builder().samlProviderArn(arn).build();
    }

    DeleteSamlProviderResponse deleteSamlProvider(CallContext call, DeleteSamlProviderRequest request)
    {
        context.store().write(transaction -> {
            Entity provider = samlProvider(transaction, call, request.samlProviderArn());
            for (SamlProviders.PrivateKeyEntry key : SamlProviders.body(provider).privateKeys()) {
                transaction.deleteSecret(provider.accountId(), provider.id(), SamlProviders.PRIVATE_KEY_PURPOSE_PREFIX + key.keyId());
            }
            transaction.deleteEntity(provider.accountId(), EntityKinds.SAML_PROVIDER, provider.id());
            return null;
        });
        return DeleteSamlProviderResponse.builder().build();
    }

    TagSamlProviderResponse tagSamlProvider(CallContext call, TagSamlProviderRequest request)
    {
        updateSamlTags(call, request.samlProviderArn(), tags -> EntityTags.merge(tags, request.tags(), EntityTags.Taggable.SAML_PROVIDER));
        return TagSamlProviderResponse.builder().build();
    }

    UntagSamlProviderResponse untagSamlProvider(CallContext call, UntagSamlProviderRequest request)
    {
        updateSamlTags(call, request.samlProviderArn(), tags -> EntityTags.remove(tags, request.tagKeys()));
        return UntagSamlProviderResponse.builder().build();
    }

    ListSamlProviderTagsResponse listSamlProviderTags(CallContext call, ListSamlProviderTagsRequest request)
    {
        Entity provider = context.store().read(transaction -> samlProvider(transaction, call, request.samlProviderArn()));
        IamPaging.Page<Tag> page = EntityTags.page(SamlProviders.body(provider).tags(), request.marker(), request.maxItems());
        return ListSamlProviderTagsResponse.builder().tags(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    private void updateSamlTags(CallContext call, String arn, UnaryOperator<List<StoredTag>> change)
    {
        context.store().write(transaction -> {
            Entity provider = samlProvider(transaction, call, arn);
            SamlProviders.Body body = SamlProviders.body(provider);
            transaction.updateEntity(provider.withBody(EntityJson.write(body.withTags(change.apply(body.tags())))));
            return null;
        });
    }

    private static Entity samlProvider(ReadTransaction transaction, CallContext call, String arn)
    {
        checkArn(arn);
        return SamlProviders.byArn(transaction, call.caller().accountId(), arn)
                .orElseThrow(() -> IamErrors.noSuchEntity("Manifest not found for arn " + arn));
    }

    private static SamlMetadata metadata(String document)
    {
        try {
            return SamlMetadata.parse(document);
        }
        catch (SamlMetadata.InvalidMetadataException invalid) {
            throw IamErrors.invalidInput("Could not parse metadata");
        }
    }

    /** The metadata's validUntil, or 100 years from now as AWS sets it when the metadata has none. */
    private static String validUntil(SamlMetadata metadata, Instant now)
    {
        return metadata.validUntil().orElseGet(() -> now.atZone(ZoneOffset.UTC).plusYears(100).toInstant()).toString();
    }

    private static String newPrivateKeyId(String pem)
    {
        if (!pem.contains("-----BEGIN") || !pem.contains("PRIVATE KEY-----")) {
            throw IamErrors.invalidInput("The private key is not a PEM-encoded private key.");
        }
        return IamIds.random(26);
    }

    private static void putPrivateKey(WriteTransaction transaction, Entity provider, SamlProviders.PrivateKeyEntry key, String pem)
    {
        transaction.putSecret(provider.accountId(), provider.id(), SamlProviders.PRIVATE_KEY_PURPOSE_PREFIX + key.keyId(), pem.getBytes(StandardCharsets.UTF_8));
    }

    private static void checkArn(String arn)
    {
        if (!arn.startsWith("arn:")) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
    }
}
