package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AssumeRoleWithWebIdentity against a JWKS served on loopback with keys made by the test, and AssumeRoleWithSAML with a
 * certificate made by keytool, through the real SDK v2 StsClient without credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StsFederationEndToEndTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = TestServer.ACCOUNT_ID;
    private static final String CLIENT_ID = "lanyard-app";
    private static final String WEB_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/WebRole";
    private static final String SAML_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/SamlRole";
    private static final String SAML_PROVIDER = "arn:aws:iam::" + ACCOUNT + ":saml-provider/TestIdP";
    private static final String OTHER_SAML_PROVIDER = "arn:aws:iam::" + ACCOUNT + ":saml-provider/OtherIdP";
    private static final String IDP_ISSUER = "https://idp.example.com/saml";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    private HttpServer issuerServer;
    private String issuer;
    private KeyPair rsaKey;
    private KeyPair ecKey;
    private Path keystoreDirectory;
    private PrivateKey samlKey;
    private X509Certificate samlCertificate;

    @BeforeAll
    void startIdentityProviders()
            throws Exception
    {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaKey = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        ecKey = ec.generateKeyPair();

        issuerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String host = "127.0.0.1:" + issuerServer.getAddress().getPort();
        issuer = "http://" + host;
        byte[] configuration = JSON.writeValueAsBytes(Map.of("issuer", issuer, "jwks_uri", issuer + "/keys"));
        byte[] jwks = JSON.writeValueAsBytes(Map.of("keys", List.of(rsaJwk("rsa-1", (RSAPublicKey) rsaKey.getPublic()), ecJwk("ec-1", (ECPublicKey) ecKey.getPublic()))));
        serve("/.well-known/openid-configuration", configuration);
        serve("/keys", jwks);
        issuerServer.start();

        keystoreDirectory = Files.createTempDirectory("lanyard-saml-");
        KeyStore.PrivateKeyEntry idp = keytoolKeyPair("idp");
        samlKey = idp.getPrivateKey();
        samlCertificate = (X509Certificate) idp.getCertificate();
        X509Certificate otherCertificate = (X509Certificate) keytoolKeyPair("other").getCertificate();

        try (IamClient iam = server.rootClient(IamClient.builder())) {
            iam.createOpenIDConnectProvider(request -> request.url("https://" + host).clientIDList(CLIENT_ID).thumbprintList("0".repeat(40)));
            String providerArn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + host;
            iam.createRole(request -> request.roleName("WebRole").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity",
                     "Condition":{"StringEquals":{"%s:aud":"%s","%s:sub":["alice","bob"]}}}}""".formatted(providerArn, host, CLIENT_ID, host)));
            iam.createSAMLProvider(request -> request.name("TestIdP").samlMetadataDocument(metadata(samlCertificate)));
            iam.createSAMLProvider(request -> request.name("OtherIdP").samlMetadataDocument(metadata(otherCertificate)));
            iam.createRole(request -> request.roleName("SamlRole").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":["%s","%s"]},"Action":"sts:AssumeRoleWithSAML",
                     "Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml","saml:iss":"%s"}}}}""".formatted(SAML_PROVIDER, OTHER_SAML_PROVIDER, IDP_ISSUER)));
        }
    }

    @AfterAll
    void stop()
    {
        if (issuerServer != null) {
            issuerServer.stop(0);
        }
        if (keystoreDirectory != null) {
            TestServer.deleteRecursively(keystoreDirectory);
        }
    }

    // ---- web identity ----

    @Test
    void rsaSignedTokenAssumesTheRole()
    {
        AssumeRoleWithWebIdentityResponse response = assumeWithToken(jwt("RS256", "rsa-1", rsaKey.getPrivate(), claims("alice", CLIENT_ID, Instant.now().plusSeconds(600))));
        assertThat(response.subjectFromWebIdentityToken()).isEqualTo("alice");
        assertThat(response.audience()).isEqualTo(CLIENT_ID);
        assertThat(response.provider()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuer.substring("http://".length()));
        assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/WebRole/web-session");
        assertThat(callerArn(response.credentials())).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/WebRole/web-session");
    }

    @Test
    void ecSignedTokenAssumesTheRole()
    {
        AssumeRoleWithWebIdentityResponse response = assumeWithToken(jwt("ES256", "ec-1", ecKey.getPrivate(), claims("bob", CLIENT_ID, Instant.now().plusSeconds(600))));
        assertThat(response.subjectFromWebIdentityToken()).isEqualTo("bob");
        assertThat(callerArn(response.credentials())).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/WebRole/web-session");
    }

    @Test
    void wrongAudienceIsRefused()
    {
        assertStsError(() -> assumeWithToken(jwt("RS256", "rsa-1", rsaKey.getPrivate(), claims("alice", "someone-else", Instant.now().plusSeconds(600)))),
                "InvalidIdentityToken", "Incorrect token audience");
    }

    @Test
    void expiredTokenIsRefused()
    {
        Instant expiredAt = Instant.now().minusSeconds(60);
        assertThatThrownBy(() -> assumeWithToken(jwt("RS256", "rsa-1", rsaKey.getPrivate(), claims("alice", CLIENT_ID, expiredAt))))
                .isInstanceOfSatisfying(StsException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
                    // AWS's text, with both times in epoch seconds.
                    assertThat(error.awsErrorDetails().errorMessage())
                            .matches("Token expired: current date/time \\d+ must be before the expiration date/time " + expiredAt.getEpochSecond());
                });
    }

    @Test
    void badSignatureIsRefused()
            throws Exception
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey forger = generator.generateKeyPair().getPrivate();
        assertStsError(() -> assumeWithToken(jwt("RS256", "rsa-1", forger, claims("alice", CLIENT_ID, Instant.now().plusSeconds(600)))),
                "InvalidIdentityToken", "signature");
        // A valid token whose payload is swapped keeps its signature but no longer matches it.
        String valid = jwt("RS256", "rsa-1", rsaKey.getPrivate(), claims("alice", CLIENT_ID, Instant.now().plusSeconds(600)));
        String other = jwt("RS256", "rsa-1", forger, claims("bob", CLIENT_ID, Instant.now().plusSeconds(600)));
        String[] validParts = valid.split("\\.");
        String spliced = validParts[0] + "." + other.split("\\.")[1] + "." + validParts[2];
        assertStsError(() -> assumeWithToken(spliced), "InvalidIdentityToken", "signature");
    }

    @Test
    void unknownKeyIdIsRefused()
    {
        assertStsError(() -> assumeWithToken(jwt("RS256", "no-such-key", rsaKey.getPrivate(), claims("alice", CLIENT_ID, Instant.now().plusSeconds(600)))),
                "InvalidIdentityToken", "Couldn't retrieve verification key");
    }

    @Test
    void unsupportedAlgorithmIsRefused()
    {
        String header = base64Url(("{\"alg\":\"none\",\"kid\":\"rsa-1\"}").getBytes(StandardCharsets.UTF_8));
        String payload = base64Url(json(claims("alice", CLIENT_ID, Instant.now().plusSeconds(600))));
        assertStsError(() -> assumeWithToken(header + "." + payload + "."), "InvalidIdentityToken", "algorithm");
    }

    @Test
    void issuerWithoutProviderIsRefused()
    {
        Map<String, Object> claims = claims("alice", CLIENT_ID, Instant.now().plusSeconds(600));
        String unregistered = "http://localhost:" + issuerServer.getAddress().getPort();
        claims.put("iss", unregistered);
        assertStsError(() -> assumeWithToken(jwt("RS256", "rsa-1", rsaKey.getPrivate(), claims)),
                "InvalidIdentityToken", "No OpenIDConnect provider found in your account for " + unregistered);
    }

    @Test
    void trustConditionOnSubjectRefuses()
    {
        assertStsError(() -> assumeWithToken(jwt("RS256", "rsa-1", rsaKey.getPrivate(), claims("mallory", CLIENT_ID, Instant.now().plusSeconds(600)))),
                "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    // ---- SAML ----

    @Test
    void signedAssertionAssumesTheRole()
            throws Exception
    {
        AssumeRoleWithSamlResponse response = assumeWithSaml(SAML_PROVIDER, encode(signedResponse(Instant.now().plusSeconds(300), document -> {})));
        assertThat(response.subject()).isEqualTo("alice@example.com");
        assertThat(response.subjectType()).isEqualTo("persistent");
        assertThat(response.issuer()).isEqualTo(IDP_ISSUER);
        assertThat(response.audience()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(response.nameQualifier()).isNotEmpty();
        assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/SamlRole/alice");
        assertThat(callerArn(response.credentials())).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/SamlRole/alice");
    }

    @Test
    void tamperedAttributeIsRefused()
            throws Exception
    {
        Document document = signedResponse(Instant.now().plusSeconds(300), ignored -> {});
        attributeValue(document, "https://aws.amazon.com/SAML/Attributes/RoleSessionName").setTextContent("mallory");
        assertStsError(() -> assumeWithSaml(SAML_PROVIDER, encode(document)), "InvalidIdentityToken", "Response signature invalid");
    }

    @Test
    void signedAssertionsWithoutAUsableSessionNameOrSubjectGetAwsAnswers()
            throws Exception
    {
        String session = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
        Instant expiry = Instant.now().plusSeconds(300);
        String withoutSessionName = encode(signedResponse(expiry, document -> {
            Node attribute = attributeValue(document, session).getParentNode();
            attribute.getParentNode().removeChild(attribute);
        }));
        assertStsError(() -> assumeWithSaml(SAML_PROVIDER, withoutSessionName), "InvalidIdentityToken", "RoleSessionName is required in AuthnResponse");
        String badSessionName = encode(signedResponse(expiry, document -> attributeValue(document, session).setTextContent("x")));
        assertStsError(() -> assumeWithSaml(SAML_PROVIDER, badSessionName), "InvalidIdentityToken", "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
        String withoutNameId = encode(signedResponse(expiry, document -> {
            Node nameId = document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0);
            nameId.getParentNode().removeChild(nameId);
        }));
        assertStsError(() -> assumeWithSaml(SAML_PROVIDER, withoutNameId), "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void signatureWrappingIsRefused()
            throws Exception
    {
        // XSW: the genuinely signed assertion is moved into Extensions, a forged one takes its place under the Response.
        Document document = signedResponse(Instant.now().plusSeconds(300), ignored -> {});
        Element response = document.getDocumentElement();
        Element signed = (Element) document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
        Element forged = (Element) signed.cloneNode(true);
        forged.setAttribute("ID", "_forged");
        Node forgedSignature = forged.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        forged.removeChild(forgedSignature);
        Element extensions = document.createElementNS("urn:oasis:names:tc:SAML:2.0:protocol", "samlp:Extensions");
        response.replaceChild(forged, signed);
        extensions.appendChild(signed);
        response.insertBefore(extensions, response.getFirstChild());
        assertStsError(() -> assumeWithSaml(SAML_PROVIDER, encode(document)), "InvalidIdentityToken", "exactly one Assertion");

        // The same forgery with the signed assertion's own ID: duplicate IDs are refused.
        forged.setAttribute("ID", signed.getAttribute("ID"));
        assertStsError(() -> assumeWithSaml(SAML_PROVIDER, encode(document)), "InvalidIdentityToken", "Invalid SAML response");
    }

    @Test
    void expiredAssertionIsRefused()
            throws Exception
    {
        String expired = encode(signedResponse(Instant.now().minus(Duration.ofMinutes(10)), ignored -> {}));
        assertStsError(() -> assumeWithSaml(SAML_PROVIDER, expired),
                "ExpiredTokenException", "expired");
    }

    @Test
    void wrongProviderIsRefused()
            throws Exception
    {
        String assertion = encode(signedResponse(Instant.now().plusSeconds(300), ignored -> {}));
        // another registered provider: its certificate did not sign the response
        assertStsError(() -> assumeWithSaml(OTHER_SAML_PROVIDER, assertion), "InvalidIdentityToken", "signature");
        // a provider that does not exist
        assertStsError(() -> assumeWithSaml("arn:aws:iam::" + ACCOUNT + ":saml-provider/Nobody", assertion), "InvalidIdentityToken", "provider");
    }

    // ---- helpers ----

    private AssumeRoleWithWebIdentityResponse assumeWithToken(String token)
    {
        try (StsClient sts = anonymousSts()) {
            return sts.assumeRoleWithWebIdentity(request -> request.roleArn(WEB_ROLE).roleSessionName("web-session").webIdentityToken(token));
        }
    }

    private AssumeRoleWithSamlResponse assumeWithSaml(String providerArn, String assertion)
    {
        try (StsClient sts = anonymousSts()) {
            return sts.assumeRoleWithSAML(request -> request.roleArn(SAML_ROLE).principalArn(providerArn).samlAssertion(assertion));
        }
    }

    private StsClient anonymousSts()
    {
        return StsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    private String callerArn(Credentials credentials)
    {
        try (StsClient sts = server.sessionClient(StsClient.builder(), credentials)) {
            return sts.getCallerIdentity().arn();
        }
    }

    private static void assertStsError(Runnable call, String code, String messagePart)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, error -> {
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(error.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    private Map<String, Object> claims(String subject, String audience, Instant expiresAt)
    {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("iat", Instant.now().getEpochSecond() - 5);
        claims.put("exp", expiresAt.getEpochSecond());
        return claims;
    }

    private static String jwt(String algorithm, String keyId, PrivateKey key, Map<String, Object> claims)
    {
        try {
            String signingInput = base64Url(json(Map.of("alg", algorithm, "kid", keyId, "typ", "JWT"))) + "." + base64Url(json(claims));
            Signature signer = Signature.getInstance(algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signer.sign());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(Object value)
    {
        try {
            return JSON.writeValueAsBytes(value);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String unsigned(BigInteger value, int length)
    {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return base64Url(bytes);
    }

    private static Map<String, String> rsaJwk(String keyId, RSAPublicKey key)
    {
        return Map.of("kty", "RSA", "kid", keyId, "use", "sig", "alg", "RS256", "n", unsigned(key.getModulus(), 0), "e", unsigned(key.getPublicExponent(), 0));
    }

    private static Map<String, String> ecJwk(String keyId, ECPublicKey key)
    {
        return Map.of("kty", "EC", "kid", keyId, "crv", "P-256", "alg", "ES256",
                "x", unsigned(key.getW().getAffineX(), 32), "y", unsigned(key.getW().getAffineY(), 32));
    }

    private void serve(String path, byte[] body)
    {
        issuerServer.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    /** A key pair and self-signed certificate made by keytool, as an administrator would make an IdP's signing key. */
    private KeyStore.PrivateKeyEntry keytoolKeyPair(String alias)
            throws Exception
    {
        Path keystore = keystoreDirectory.resolve(alias + ".p12");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=" + alias + ".example.com",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as(new String(output, StandardCharsets.UTF_8)).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var input = Files.newInputStream(keystore)) {
            store.load(input, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection("changeit".toCharArray()));
    }

    private static String metadata(X509Certificate certificate)
    {
        try {
            return """
                    <EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="%s">
                      <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                        <KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
                          <ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
                        <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
                      </IDPSSODescriptor>
                    </EntityDescriptor>""".formatted(IDP_ISSUER, Base64.getEncoder().encodeToString(certificate.getEncoded()));
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Response with one Assertion, signed (enveloped, exclusive c14n, RSA-SHA256) by the IdP's key. */
    private Document signedResponse(Instant notOnOrAfter, Consumer<Document> beforeSigning)
            throws Exception
    {
        Instant now = Instant.now();
        String xml = """
                <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="%1$s" Destination="https://signin.aws.amazon.com/saml">
                  <saml:Issuer>%2$s</saml:Issuer>
                  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
                  <saml:Assertion ID="_a1" Version="2.0" IssueInstant="%1$s">
                    <saml:Issuer>%2$s</saml:Issuer>
                    <saml:Subject>
                      <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice@example.com</saml:NameID>
                      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
                        <saml:SubjectConfirmationData NotOnOrAfter="%3$s" Recipient="https://signin.aws.amazon.com/saml"/>
                      </saml:SubjectConfirmation>
                    </saml:Subject>
                    <saml:Conditions NotBefore="%4$s" NotOnOrAfter="%3$s">
                      <saml:AudienceRestriction><saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience></saml:AudienceRestriction>
                    </saml:Conditions>
                    <saml:AttributeStatement>
                      <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>%5$s,%6$s</saml:AttributeValue></saml:Attribute>
                      <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>alice</saml:AttributeValue></saml:Attribute>
                    </saml:AttributeStatement>
                  </saml:Assertion>
                </samlp:Response>""".formatted(now, IDP_ISSUER, notOnOrAfter, now.minusSeconds(600), SAML_ROLE, SAML_PROVIDER);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        beforeSigning.accept(document);
        Element assertion = (Element) document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
        assertion.setIdAttributeNS(null, "ID", true);
        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
        Reference reference = signatures.newReference("#_a1", signatures.newDigestMethod(DigestMethod.SHA256, null),
                List.of(signatures.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        signatures.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                null, null);
        SignedInfo signedInfo = signatures.newSignedInfo(
                signatures.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                signatures.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
                List.of(reference));
        KeyInfoFactory keyInfos = signatures.getKeyInfoFactory();
        KeyInfo keyInfo = keyInfos.newKeyInfo(List.of(keyInfos.newX509Data(List.of(samlCertificate))));
        Node subject = assertion.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Subject").item(0);
        signatures.newXMLSignature(signedInfo, keyInfo).sign(new DOMSignContext(samlKey, assertion, subject));
        return document;
    }

    private static Element attributeValue(Document document, String name)
    {
        NodeList attributes = document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Attribute");
        for (int index = 0; index < attributes.getLength(); index++) {
            Element attribute = (Element) attributes.item(index);
            if (attribute.getAttribute("Name").equals(name)) {
                return (Element) attribute.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "AttributeValue").item(0);
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static String encode(Document document)
    {
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(output));
            return Base64.getEncoder().encodeToString(output.toByteArray());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
