package dev.lanyard.services.iam;

import dev.lanyard.store.Entity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AddClientIdToOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.CreateSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.DeleteOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.DeleteSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProviderTagsRequest;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProvidersRequest;
import software.amazon.awssdk.services.iam.model.ListSamlProviderTagsRequest;
import software.amazon.awssdk.services.iam.model.ListSamlProvidersRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.RemoveClientIdFromOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.TagSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.UntagOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.UntagSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.UpdateOpenIdConnectProviderThumbprintRequest;
import software.amazon.awssdk.services.iam.model.UpdateSamlProviderRequest;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FederationOperationsTest
{
    private static final String THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";
    private static final String GITHUB = "https://token.actions.githubusercontent.com";

    private final MfaTestSupport support = new MfaTestSupport();
    private final FederationOperations operations = new FederationOperations(support.context);

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void oidcProviderLifecycle()
    {
        CreateOpenIdConnectProviderResponse created = operations.createOpenIdConnectProvider(support.root(), CreateOpenIdConnectProviderRequest.builder()
                .url(GITHUB).clientIDList("sts.amazonaws.com", "sts.amazonaws.com").thumbprintList(THUMBPRINT)
                .tags(Tag.builder().key("team").value("ci").build()).build());
        String arn = created.openIDConnectProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
        assertThat(created.tags()).containsExactly(Tag.builder().key("team").value("ci").build());

        GetOpenIdConnectProviderResponse got = get(arn);
        assertThat(got.url()).isEqualTo("token.actions.githubusercontent.com");
        assertThat(got.clientIDList()).containsExactly("sts.amazonaws.com");
        assertThat(got.thumbprintList()).containsExactly(THUMBPRINT);
        assertThat(got.createDate()).isEqualTo(support.clock.instant());

        operations.addClientIdToOpenIdConnectProvider(support.root(), AddClientIdToOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(arn).clientID("my-app").build());
        operations.addClientIdToOpenIdConnectProvider(support.root(), AddClientIdToOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(arn).clientID("my-app").build());
        assertThat(get(arn).clientIDList()).containsExactly("sts.amazonaws.com", "my-app");
        operations.removeClientIdFromOpenIdConnectProvider(support.root(), RemoveClientIdFromOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(arn).clientID("sts.amazonaws.com").build());
        operations.removeClientIdFromOpenIdConnectProvider(support.root(), RemoveClientIdFromOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(arn).clientID("absent").build());
        assertThat(get(arn).clientIDList()).containsExactly("my-app");

        String other = "a".repeat(40);
        operations.updateOpenIdConnectProviderThumbprint(support.root(), UpdateOpenIdConnectProviderThumbprintRequest.builder().openIDConnectProviderArn(arn).thumbprintList(other).build());
        assertThat(get(arn).thumbprintList()).containsExactly(other);

        operations.tagOpenIdConnectProvider(support.root(), TagOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(arn).tags(Tag.builder().key("env").value("prod").build()).build());
        operations.untagOpenIdConnectProvider(support.root(), UntagOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(arn).tagKeys("TEAM").build());
        assertThat(operations.listOpenIdConnectProviderTags(support.root(), ListOpenIdConnectProviderTagsRequest.builder().openIDConnectProviderArn(arn).build()).tags())
                .containsExactly(Tag.builder().key("env").value("prod").build());

        assertThat(operations.listOpenIdConnectProviders(support.root(), ListOpenIdConnectProvidersRequest.builder().build()).openIDConnectProviderList())
                .singleElement().satisfies(entry -> assertThat(entry.arn()).isEqualTo(arn));
        assertThat(operations.listOpenIdConnectProviders(support.otherRoot(), ListOpenIdConnectProvidersRequest.builder().build()).openIDConnectProviderList()).isEmpty();

        Optional<Entity> byIssuer = support.store.read(transaction -> OidcProviders.byIssuer(transaction, MfaTestSupport.ACCOUNT, GITHUB));
        assertThat(byIssuer).isPresent();
        Optional<Entity> byIssuerWithoutScheme = support.store.read(transaction -> OidcProviders.byIssuer(transaction, MfaTestSupport.ACCOUNT, "token.actions.githubusercontent.com"));
        assertThat(byIssuerWithoutScheme).isPresent();
        Optional<Entity> inOtherAccount = support.store.read(transaction -> OidcProviders.byIssuer(transaction, MfaTestSupport.OTHER_ACCOUNT, GITHUB));
        assertThat(inOtherAccount).isEmpty();
        Optional<Entity> byArn = support.store.read(transaction -> OidcProviders.byArn(transaction, MfaTestSupport.ACCOUNT, arn));
        assertThat(OidcProviders.body(byArn.orElseThrow()).url()).isEqualTo(GITHUB);

        operations.deleteOpenIdConnectProvider(support.root(), DeleteOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(arn).build());
        assertThatThrownBy(() -> get(arn))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("OpenIDConnect Provider not found for arn " + arn);
    }

    @Test
    void oidcErrors()
    {
        assertThatThrownBy(() -> createOidc("http://example.com", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid Open ID Connect Provider URL");
        assertThatThrownBy(() -> createOidc("https://", List.of()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> createOidc("https://example.com", List.of("a".repeat(40), "b".repeat(40), "c".repeat(40), "d".repeat(40), "e".repeat(40), "f".repeat(40))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Thumbprint list must contain fewer than 5 entries.");
        assertThatThrownBy(() -> createOidc("https://example.com", List.of("z".repeat(40))))
                .isInstanceOf(InvalidInputException.class);
        String arn = createOidc("https://example.com/tenant", List.of());
        assertThat(get(arn).thumbprintList()).isEmpty();
        assertThatThrownBy(() -> createOidc("https://example.com/tenant", List.of()))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .hasMessage("Provider with url https://example.com/tenant already exists.");
        // another account may have the same URL
        operations.createOpenIdConnectProvider(support.otherRoot(), CreateOpenIdConnectProviderRequest.builder().url("https://example.com/tenant").build());

        assertThatThrownBy(() -> get("arn:aws:iam::123456789012:oidc-provider/missing.example.com"))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("OpenIDConnect Provider not found for arn arn:aws:iam::123456789012:oidc-provider/missing.example.com");
        assertThatThrownBy(() -> operations.getOpenIdConnectProvider(support.otherRoot(), GetOpenIdConnectProviderRequest.builder()
                .openIDConnectProviderArn("arn:aws:iam::123456789012:oidc-provider/example.com/tenant").build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> get("not-an-arn-at-all-but-long"))
                .isInstanceOf(InvalidInputException.class);

        List<String> clientIds = new ArrayList<>();
        for (int index = 0; index < FederationOperations.MAX_CLIENT_IDS; index++) {
            clientIds.add("client-" + index);
        }
        String full = operations.createOpenIdConnectProvider(support.root(), CreateOpenIdConnectProviderRequest.builder().url("https://full.example.com").clientIDList(clientIds).build())
                .openIDConnectProviderArn();
        assertThatThrownBy(() -> operations.addClientIdToOpenIdConnectProvider(support.root(), AddClientIdToOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(full).clientID("one-more").build()))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
        List<String> tooMany = new ArrayList<>(clientIds);
        tooMany.add("one-more");
        assertThatThrownBy(() -> operations.createOpenIdConnectProvider(support.root(), CreateOpenIdConnectProviderRequest.builder().url("https://other.example.com").clientIDList(tooMany).build()))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void oidcProvidersPerAccountQuota()
    {
        for (int index = 0; index < FederationOperations.MAX_OIDC_PROVIDERS_PER_ACCOUNT; index++) {
            createOidc("https://issuer" + index + ".example.com", List.of());
        }
        assertThatThrownBy(() -> createOidc("https://one-more.example.com", List.of()))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100");
        assertThat(operations.listOpenIdConnectProviders(support.root(), ListOpenIdConnectProvidersRequest.builder().build()).openIDConnectProviderList()).hasSize(100);
    }

    @Test
    void samlProviderLifecycle()
    {
        String arn = operations.createSamlProvider(support.root(), CreateSamlProviderRequest.builder()
                .name("corporate-idp").samlMetadataDocument(SamlTestDocuments.metadata()).tags(Tag.builder().key("team").value("it").build()).build()).samlProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::123456789012:saml-provider/corporate-idp");

        GetSamlProviderResponse got = getSaml(arn);
        assertThat(got.samlMetadataDocument()).isEqualTo(SamlTestDocuments.metadata());
        assertThat(got.createDate()).isEqualTo(support.clock.instant());
        assertThat(got.validUntil()).isEqualTo(Instant.parse("2126-11-23T12:00:10Z"));
        assertThat(got.samlProviderUUID()).matches("[A-Z0-9]{22,64}");
        assertThat(got.tags()).containsExactly(Tag.builder().key("team").value("it").build());

        assertThat(operations.listSamlProviders(support.root(), ListSamlProvidersRequest.builder().build()).samlProviderList())
                .singleElement().satisfies(entry -> {
                    assertThat(entry.arn()).isEqualTo(arn);
                    assertThat(entry.validUntil()).isEqualTo(got.validUntil());
                    assertThat(entry.createDate()).isEqualTo(got.createDate());
                });
        assertThat(operations.listSamlProviders(support.otherRoot(), ListSamlProvidersRequest.builder().build()).samlProviderList()).isEmpty();

        Optional<List<X509Certificate>> certificates = support.store.read(transaction -> SamlProviders.signingCertificates(transaction, MfaTestSupport.ACCOUNT, arn));
        assertThat(certificates.orElseThrow()).singleElement()
                .satisfies(certificate -> assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=idp.lanyard.test"));

        String expiring = SamlTestDocuments.metadata(" validUntil=\"2030-01-01T00:00:00Z\"", SamlTestDocuments.keyDescriptor("signing", SamlTestDocuments.certificateBase64()));
        assertThat(operations.updateSamlProvider(support.root(), UpdateSamlProviderRequest.builder().samlProviderArn(arn).samlMetadataDocument(expiring).build()).samlProviderArn())
                .isEqualTo(arn);
        assertThat(getSaml(arn).validUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(getSaml(arn).samlMetadataDocument()).isEqualTo(expiring);

        operations.updateSamlProvider(support.root(), UpdateSamlProviderRequest.builder().samlProviderArn(arn).assertionEncryptionMode("Allowed")
                .addPrivateKey("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n").build());
        GetSamlProviderResponse withKey = getSaml(arn);
        assertThat(withKey.assertionEncryptionModeAsString()).isEqualTo("Allowed");
        assertThat(withKey.privateKeyList()).singleElement().satisfies(key -> assertThat(key.keyId()).matches("[A-Z0-9]{22,64}"));
        String keyId = withKey.privateKeyList().get(0).keyId();
        Optional<byte[]> storedKey = support.store.read(transaction -> transaction.secret(MfaTestSupport.ACCOUNT, withKey.samlProviderUUID(), SamlProviders.PRIVATE_KEY_PURPOSE_PREFIX + keyId));
        assertThat(storedKey).isPresent();
        operations.updateSamlProvider(support.root(), UpdateSamlProviderRequest.builder().samlProviderArn(arn).removePrivateKey(keyId).build());
        assertThat(getSaml(arn).privateKeyList()).isEmpty();

        operations.tagSamlProvider(support.root(), TagSamlProviderRequest.builder().samlProviderArn(arn).tags(Tag.builder().key("env").value("prod").build()).build());
        operations.untagSamlProvider(support.root(), UntagSamlProviderRequest.builder().samlProviderArn(arn).tagKeys("team").build());
        assertThat(operations.listSamlProviderTags(support.root(), ListSamlProviderTagsRequest.builder().samlProviderArn(arn).build()).tags())
                .containsExactly(Tag.builder().key("env").value("prod").build());

        operations.deleteSamlProvider(support.root(), DeleteSamlProviderRequest.builder().samlProviderArn(arn).build());
        assertThatThrownBy(() -> getSaml(arn))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("Manifest not found for arn " + arn);
        Optional<List<X509Certificate>> gone = support.store.read(transaction -> SamlProviders.signingCertificates(transaction, MfaTestSupport.ACCOUNT, arn));
        assertThat(gone).isEmpty();
    }

    @Test
    void samlMetadataMustBeIdentityProviderMetadataWithASigningCertificate()
    {
        String certificate = SamlTestDocuments.certificateBase64();
        assertInvalidMetadata("this is not XML at all");
        assertInvalidMetadata("<root/>");
        assertInvalidMetadata("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"/>");
        assertInvalidMetadata(SamlTestDocuments.metadata("", ""));
        assertInvalidMetadata(SamlTestDocuments.metadata("", SamlTestDocuments.keyDescriptor("encryption", certificate)));
        assertInvalidMetadata(SamlTestDocuments.metadata("", SamlTestDocuments.keyDescriptor("signing", "bm90IGEgY2VydGlmaWNhdGU=")));
        assertInvalidMetadata(SamlTestDocuments.metadata(" validUntil=\"next year\"", SamlTestDocuments.keyDescriptor("signing", certificate)));
        // DTDs are refused outright: no external entities, no entity expansion
        assertInvalidMetadata("<?xml version=\"1.0\"?><!DOCTYPE md [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + SamlTestDocuments.metadata("", SamlTestDocuments.keyDescriptor("signing", certificate)).replaceFirst("<\\?xml[^>]*\\?>", "").replace("emailAddress", "&xxe;"));
        // A KeyDescriptor without "use" serves both purposes, so it signs
        operations.createSamlProvider(support.root(), CreateSamlProviderRequest.builder().name("no-use")
                .samlMetadataDocument(SamlTestDocuments.metadata("", SamlTestDocuments.keyDescriptor("signing", certificate).replace(" use=\"signing\"", ""))).build());
    }

    @Test
    void samlErrors()
    {
        operations.createSamlProvider(support.root(), CreateSamlProviderRequest.builder().name("idp").samlMetadataDocument(SamlTestDocuments.metadata()).build());
        assertThatThrownBy(() -> operations.createSamlProvider(support.root(), CreateSamlProviderRequest.builder().name("IDP").samlMetadataDocument(SamlTestDocuments.metadata()).build()))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .hasMessage("Provider with name IDP already exists.");
        String arn = SamlProviders.arn(MfaTestSupport.ACCOUNT, "idp");
        assertThatThrownBy(() -> operations.updateSamlProvider(support.root(), UpdateSamlProviderRequest.builder().samlProviderArn(arn).samlMetadataDocument("<broken").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Could not parse metadata");
        assertThatThrownBy(() -> operations.updateSamlProvider(support.root(), UpdateSamlProviderRequest.builder().samlProviderArn(arn).addPrivateKey("not a key").build()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.updateSamlProvider(support.root(), UpdateSamlProviderRequest.builder().samlProviderArn(arn).removePrivateKey("ABCDEFGHIJKLMNOPQRSTUVWXYZ").build()))
                .isInstanceOf(InvalidInputException.class);
        for (int index = 0; index < FederationOperations.MAX_SAML_PRIVATE_KEYS; index++) {
            operations.updateSamlProvider(support.root(), UpdateSamlProviderRequest.builder().samlProviderArn(arn).addPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAA==\n-----END RSA PRIVATE KEY-----").build());
        }
        assertThatThrownBy(() -> operations.updateSamlProvider(support.root(), UpdateSamlProviderRequest.builder().samlProviderArn(arn)
                .addPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAA==\n-----END RSA PRIVATE KEY-----").build()))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> operations.getSamlProvider(support.otherRoot(), GetSamlProviderRequest.builder().samlProviderArn(arn).build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> operations.deleteSamlProvider(support.root(), DeleteSamlProviderRequest.builder().samlProviderArn(SamlProviders.arn(MfaTestSupport.ACCOUNT, "missing")).build()))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("Manifest not found for arn arn:aws:iam::123456789012:saml-provider/missing");
        assertThatThrownBy(() -> operations.tagSamlProvider(support.root(), TagSamlProviderRequest.builder().samlProviderArn(SamlProviders.arn(MfaTestSupport.ACCOUNT, "missing"))
                .tags(Tag.builder().key("a").value("b").build()).build()))
                .isInstanceOf(NoSuchEntityException.class);
    }

    private void assertInvalidMetadata(String document)
    {
        assertThatThrownBy(() -> operations.createSamlProvider(support.root(), CreateSamlProviderRequest.builder().name("bad").samlMetadataDocument(document).build()))
                .as(document)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Could not parse metadata");
    }

    private String createOidc(String url, List<String> thumbprints)
    {
        return operations.createOpenIdConnectProvider(support.root(), CreateOpenIdConnectProviderRequest.builder().url(url).thumbprintList(thumbprints).build())
                .openIDConnectProviderArn();
    }

    private GetOpenIdConnectProviderResponse get(String arn)
    {
        return operations.getOpenIdConnectProvider(support.root(), GetOpenIdConnectProviderRequest.builder().openIDConnectProviderArn(arn).build());
    }

    private GetSamlProviderResponse getSaml(String arn)
    {
        return operations.getSamlProvider(support.root(), GetSamlProviderRequest.builder().samlProviderArn(arn).build());
    }
}
