package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.ExpiredTradeInTokenException;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.OutboundWebIdentityFederationDisabledException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GetWebIdentityToken, AssumeRoot and GetDelegatedAccessToken through the SDK v2 StsClient; the token's signature is
 * checked with java.security against the JWKS the server publishes under /_lanyard/oidc/{account}/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StsRemainingOperationsEndToEndTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = TestServer.ACCOUNT_ID;
    private static final String AUDIENCE = "https://api.example.com";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    private AccessKey bobKey;
    private AccessKey carolKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void createUsers()
    {
        try (IamClient iam = server.rootClient(IamClient.builder())) {
            iam.createUser(request -> request.userName("bob").tags(tag -> tag.key("team").value("platform")));
            iam.putUserPolicy(request -> request.userName("bob").policyName("outbound").policyDocument("""
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*",
                       "Condition":{"ForAllValues:StringEquals":{"sts:IdentityTokenAudience":"%s"},"NumericLessThanEqualsIfExists":{"sts:DurationSeconds":900}}},
                      {"Effect":"Allow","Action":"sts:TagGetWebIdentityToken","Resource":"*"},
                      {"Effect":"Allow","Action":["sts:AssumeRoot","sts:GetDelegatedAccessToken"],"Resource":"*"}]}""".formatted(AUDIENCE)));
            bobKey = iam.createAccessKey(request -> request.userName("bob")).accessKey();
            iam.createUser(request -> request.userName("carol"));
            carolKey = iam.createAccessKey(request -> request.userName("carol")).accessKey();
        }
    }

    private StsClient bob()
    {
        return server.client(StsClient.builder(), bobKey.accessKeyId(), bobKey.secretAccessKey());
    }

    private StsClient carol()
    {
        return server.client(StsClient.builder(), carolKey.accessKeyId(), carolKey.secretAccessKey());
    }

    private HttpResponse<String> get(String path)
            throws Exception
    {
        return http.send(HttpRequest.newBuilder(server.endpoint().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void webIdentityTokenIsSignedWithPublishedKeys()
            throws Exception
    {
        try (StsClient sts = bob()) {
            assertThatThrownBy(() -> sts.getWebIdentityToken(request -> request.audience(AUDIENCE).signingAlgorithm("RS256")))
                    .isInstanceOfSatisfying(OutboundWebIdentityFederationDisabledException.class, error -> assertThat(error.statusCode()).isEqualTo(403));
            assertThat(get("/_lanyard/oidc/" + ACCOUNT + "/jwks.json").statusCode()).isEqualTo(404);

            String issuer;
            try (IamClient iam = server.rootClient(IamClient.builder())) {
                issuer = iam.enableOutboundWebIdentityFederation(request -> { }).issuerIdentifier();
            }

            HttpResponse<String> configurationResponse = get("/_lanyard/oidc/" + ACCOUNT + "/.well-known/openid-configuration");
            assertThat(configurationResponse.statusCode()).isEqualTo(200);
            JsonNode configuration = JSON.readTree(configurationResponse.body());
            assertThat(configuration.get("issuer").asText()).isEqualTo(issuer);
            URI jwksUri = URI.create(configuration.get("jwks_uri").asText());
            assertThat(jwksUri.getPath()).isEqualTo("/_lanyard/oidc/" + ACCOUNT + "/jwks.json");

            GetWebIdentityTokenResponse rsa = sts.getWebIdentityToken(request -> request.audience(AUDIENCE).signingAlgorithm("RS256")
                    .tags(tag -> tag.key("job").value("nightly")));
            GetWebIdentityTokenResponse ec = sts.getWebIdentityToken(request -> request.audience(AUDIENCE).signingAlgorithm("ES384").durationSeconds(900));
            assertThat(ec.expiration()).isAfter(Instant.now().plusSeconds(800));

            JsonNode jwks = JSON.readTree(http.send(HttpRequest.newBuilder(jwksUri).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(jwks.get("keys")).hasSize(2);
            assertThat(verifies(rsa.webIdentityToken(), jwks)).isTrue();
            assertThat(verifies(ec.webIdentityToken(), jwks)).isTrue();
            String tampered = rsa.webIdentityToken().replaceFirst("\\.eyJ", ".eyK");
            assertThat(verifies(tampered, jwks)).isFalse();

            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(rsa.webIdentityToken().split("\\.")[1]));
            assertThat(claims.get("iss").asText()).isEqualTo(issuer);
            assertThat(claims.get("sub").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/bob");
            assertThat(claims.get("aud").asText()).isEqualTo(AUDIENCE);
            assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
            JsonNode aws = claims.get("https://sts.amazonaws.com/");
            assertThat(aws.get("aws_account").asText()).isEqualTo(ACCOUNT);
            assertThat(aws.get("source_region").asText()).isEqualTo("us-east-1");
            assertThat(aws.get("principal_tags").get("team").asText()).isEqualTo("platform");
            assertThat(aws.get("request_tags").get("job").asText()).isEqualTo("nightly");

            // The policy's conditions on audience and duration apply; out-of-range durations fail validation first.
            assertThatThrownBy(() -> sts.getWebIdentityToken(request -> request.audience("https://other.example.com").signingAlgorithm("RS256")))
                    .isInstanceOfSatisfying(StsException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertThatThrownBy(() -> sts.getWebIdentityToken(request -> request.audience(AUDIENCE).signingAlgorithm("RS256").durationSeconds(1800)))
                    .isInstanceOfSatisfying(StsException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertThatThrownBy(() -> sts.getWebIdentityToken(request -> request.audience(AUDIENCE).signingAlgorithm("RS256").durationSeconds(30)))
                    .isInstanceOfSatisfying(StsException.class, error -> assertThat(error.statusCode()).isEqualTo(400));
        }
        try (StsClient sts = carol()) {
            assertThatThrownBy(() -> sts.getWebIdentityToken(request -> request.audience(AUDIENCE).signingAlgorithm("RS256")))
                    .isInstanceOfSatisfying(StsException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        assertThat(get("/_lanyard/oidc/999999999999/jwks.json").statusCode()).isEqualTo(404);
    }

    @Test
    void assumeRootNeedsOrganizations()
    {
        try (StsClient sts = server.rootClient(StsClient.builder())) {
            assertThatThrownBy(() -> sts.assumeRoot(request -> request.targetPrincipal("210987654321")
                    .taskPolicyArn(policy -> policy.arn("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"))))
                    .isInstanceOfSatisfying(StsException.class, error -> {
                        assertThat(error.statusCode()).isEqualTo(403);
                        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("You cannot use root user credentials to make this call.");
                    });
        }
        try (StsClient sts = carol()) {
            assertThatThrownBy(() -> sts.assumeRoot(request -> request.targetPrincipal("210987654321")
                    .taskPolicyArn(policy -> policy.arn("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"))))
                    .isInstanceOfSatisfying(StsException.class, error -> assertThat(error.awsErrorDetails().errorMessage()).contains("is not authorized to perform: sts:AssumeRoot"));
        }
        try (StsClient sts = bob()) {
            assertThatThrownBy(() -> sts.assumeRoot(request -> request.targetPrincipal("210987654321")
                    .taskPolicyArn(policy -> policy.arn("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"))))
                    .isInstanceOfSatisfying(StsException.class, error -> {
                        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(error.awsErrorDetails().errorMessage()).contains("AWS Organizations");
                    });
        }
    }

    @Test
    void tradeInTokensAreNeverIssuedSoNoneIsAccepted()
    {
        try (StsClient sts = bob()) {
            assertThatThrownBy(() -> sts.getDelegatedAccessToken(request -> request.tradeInToken("not-a-token")))
                    .isInstanceOfSatisfying(ExpiredTradeInTokenException.class, error -> assertThat(error.statusCode()).isEqualTo(400));
        }
        try (StsClient sts = carol()) {
            assertThatThrownBy(() -> sts.getDelegatedAccessToken(request -> request.tradeInToken("not-a-token")))
                    .isInstanceOfSatisfying(StsException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    /** Verifies a compact JWS against the key of the JWKS its header names, with java.security only. */
    private static boolean verifies(String token, JsonNode jwks)
            throws Exception
    {
        String[] parts = token.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode jwk = null;
        for (JsonNode candidate : jwks.get("keys")) {
            if (candidate.get("kid").asText().equals(header.get("kid").asText())) {
                jwk = candidate;
            }
        }
        assertThat(jwk).as("key %s in the JWKS", header.get("kid")).isNotNull();
        PublicKey key;
        Signature signature;
        switch (header.get("alg").asText()) {
            case "RS256" -> {
                key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
                signature = Signature.getInstance("SHA256withRSA");
            }
            case "ES384" -> {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp384r1"));
                ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
                key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")), curve));
                signature = Signature.getInstance("SHA384withECDSAinP1363Format");
            }
            default -> throw new AssertionError("unexpected alg " + header.get("alg"));
        }
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static BigInteger unsigned(JsonNode jwk, String member)
    {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(member).asText()));
    }
}
