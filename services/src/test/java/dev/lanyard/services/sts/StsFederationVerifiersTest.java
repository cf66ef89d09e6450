package dev.lanyard.services.sts;

import dev.lanyard.protocol.AwsErrorException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of web identity and SAML verification that need no server: algorithms, keys, issuers, hardened parsing. */
class StsFederationVerifiersTest
{
    @Test
    void signatureAlgorithmMustMatchTheKeyType()
            throws Exception
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(ec.getPrivate());
        signer.update(input);
        byte[] signature = signer.sign();
        assertThat(JwsSignatures.verify("ES256", ec.getPublic(), input, signature)).isTrue();
        assertThat(JwsSignatures.verify("RS256", ec.getPublic(), input, signature)).isFalse();
        assertThat(JwsSignatures.verify("HS256", ec.getPublic(), input, signature)).isFalse();
        assertThat(JwsSignatures.isSupported("none")).isFalse();
    }

    @Test
    void tokenWithoutKeyIdNeedsASingleKeySet()
            throws Exception
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JsonWebKeys.Key first = new JsonWebKeys.Key(Optional.of("a"), generator.generateKeyPair().getPublic());
        JsonWebKeys.Key second = new JsonWebKeys.Key(Optional.of("b"), generator.generateKeyPair().getPublic());
        assertThat(new JsonWebKeys(List.of(first)).find(Optional.empty())).contains(first.publicKey());
        assertThat(new JsonWebKeys(List.of(first, second)).find(Optional.empty())).isEmpty();
        assertThat(new JsonWebKeys(List.of(first, second)).find(Optional.of("b"))).contains(second.publicKey());
    }

    @Test
    void plainHttpOnlyOnLoopback()
    {
        assertThat(HttpIssuerKeys.isFetchable(URI.create("https://issuer.example.com/keys"))).isTrue();
        assertThat(HttpIssuerKeys.isFetchable(URI.create("http://127.0.0.1:8080/keys"))).isTrue();
        assertThat(HttpIssuerKeys.isFetchable(URI.create("http://issuer.example.com/keys"))).isFalse();
        assertThat(HttpIssuerKeys.isFetchable(URI.create("http://user@127.0.0.1/keys"))).isFalse();
        assertThat(HttpIssuerKeys.isFetchable(URI.create("file:///etc/passwd"))).isFalse();
        assertThat(WebIdentityTokenVerifier.providerName("https://token.actions.githubusercontent.com")).contains("token.actions.githubusercontent.com");
        assertThat(WebIdentityTokenVerifier.providerName("http://127.0.0.1:9000")).contains("127.0.0.1:9000");
        assertThat(WebIdentityTokenVerifier.providerName("http://issuer.example.com")).isEmpty();
        assertThat(WebIdentityTokenVerifier.providerName("accounts.google.com")).contains("accounts.google.com");
    }

    @Test
    void malformedTokensAreInvalidIdentityTokens()
    {
        for (String token : List.of("", "a.b", "a.b.c.d", "!!.e30.", "e30.e30.sig")) {
            assertThatThrownBy(() -> JsonWebToken.parse(token))
                    .isInstanceOfSatisfying(AwsErrorException.class, error -> assertThat(error.code()).isEqualTo("InvalidIdentityToken"));
        }
    }

    @Test
    void samlParserRefusesDocumentTypesAndEntities()
    {
        String xxe = """
                <?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&e;</samlp:Response>""";
        assertThatThrownBy(() -> SamlAssertionVerifier.verify(xxe.getBytes(StandardCharsets.UTF_8), List.of(), java.time.Instant.now()))
                .isInstanceOfSatisfying(AwsErrorException.class, error -> assertThat(error.code()).isEqualTo("InvalidIdentityToken"));
    }

    @Test
    void nameQualifierFollowsAwsFormula()
            throws Exception
    {
        // Base64(SHA-1(issuer + account + "/" + provider name)), as AWS documents saml:namequalifier.
        byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest("https://idp.example.com/saml123456789012/MyIdP".getBytes(StandardCharsets.UTF_8));
        assertThat(SamlSession.nameQualifier("https://idp.example.com/saml", "123456789012", "arn:aws:iam::123456789012:saml-provider/MyIdP"))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(digest));
    }

    @Test
    void awsSigninEndpoints()
    {
        assertThat(SamlAssertionVerifier.isAwsEndpoint("https://signin.aws.amazon.com/saml")).isTrue();
        assertThat(SamlAssertionVerifier.isAwsEndpoint("https://us-west-2.signin.aws.amazon.com/saml")).isTrue();
        assertThat(SamlAssertionVerifier.isAwsEndpoint("https://evil.example.com/saml")).isFalse();
    }
}
