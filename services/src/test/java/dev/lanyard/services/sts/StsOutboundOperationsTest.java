package dev.lanyard.services.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.EvaluationResult;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.OutboundFederationSettings;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.services.iam.UserBody;
import dev.lanyard.store.Account;
import dev.lanyard.store.Entity;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRootRequest;
import software.amazon.awssdk.services.sts.model.ExpiredTradeInTokenException;
import software.amazon.awssdk.services.sts.model.GetDelegatedAccessTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.OutboundWebIdentityFederationDisabledException;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.SessionDurationEscalationException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StsOutboundOperationsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final String ISSUER = "https://0f2b6a3e-1111-2222-3333-444455556666.tokens.sts.global.api.aws";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Caller ALICE = new Caller(ACCOUNT, "arn:aws:iam::123456789012:user/alice", "AIDAALICE0000000000000", Caller.PrincipalType.USER, "AKIAALICE00000000000");

    private Store store;
    private final List<String> authorized = new ArrayList<>();
    private boolean allow = true;
    private StsOutboundOperations sts;

    @BeforeEach
    void setUp()
            throws IOException
    {
        store = SqliteStore.open(Files.createTempDirectory("lanyard-sts-outbound-"), new SecretCipher(MasterKey.random()));
        store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT, NOW, true));
            transaction.insertEntity(Entity.create(ACCOUNT, EntityKinds.USER, "AIDAALICE0000000000000", "alice", "/",
                    EntityJson.write(new UserBody(List.of(new StoredTag("team", "data")), null, null)), NOW));
            RoleBody role = new RoleBody("{}", List.of(), null, 3600, null, List.of(new StoredTag("team", "role-team"), new StoredTag("env", "prod")), null, null, null);
            transaction.insertEntity(Entity.create(ACCOUNT, EntityKinds.ROLE, "AROAWORKER00000000000", "Worker", "/jobs/", EntityJson.write(role), NOW));
            return null;
        });
        AccessControl accessControl = new AccessControl()
        {
            @Override
            public Decision decide(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
            {
                authorized.add(action + " " + resourceArn + " " + extraContext.keySet());
                return new Decision(allow ? EvaluationResult.ALLOWED : EvaluationResult.IMPLICIT_DENY, PolicyLayer.IDENTITY, List.of());
            }

            @Override
            public void require(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
            {
                if (!decide(context, action, resourceArn, extraContext, resourcePolicies).allowed()) {
                    throw new AwsErrorException("AccessDenied", "denied " + action, 403);
                }
            }
        };
        sts = new StsOutboundOperations(store, new OutboundTokenKeys(store), accessControl);
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    private void federation(boolean enabled)
    {
        store.write(transaction -> {
            String body = EntityJson.write(new OutboundFederationSettings(enabled, ISSUER));
            Optional<Entity> existing = transaction.entityByName(ACCOUNT, EntityKinds.ACCOUNT_SETTINGS, OutboundFederationSettings.NAME);
            if (existing.isPresent()) {
                transaction.updateEntity(existing.get().withBody(body));
            }
            else {
                transaction.insertEntity(Entity.create(ACCOUNT, EntityKinds.ACCOUNT_SETTINGS, OutboundFederationSettings.NAME, OutboundFederationSettings.NAME, "/", body, NOW));
            }
            return null;
        });
    }

    private static CallContext call(Caller caller)
    {
        return new CallContext(caller, AwsService.STS, "GetWebIdentityToken", "request-1", "eu-west-1", NOW, "127.0.0.1", true);
    }

    private static JsonNode part(String token, int index)
            throws IOException
    {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    @Test
    void disabledOrNeverEnabledFederationIsRefused()
    {
        GetWebIdentityTokenRequest request = GetWebIdentityTokenRequest.builder().audience("https://api.example.com").signingAlgorithm("RS256").build();
        assertThatThrownBy(() -> sts.getWebIdentityToken(call(ALICE), request))
                .isInstanceOf(OutboundWebIdentityFederationDisabledException.class);
        federation(false);
        assertThatThrownBy(() -> sts.getWebIdentityToken(call(ALICE), request))
                .isInstanceOf(OutboundWebIdentityFederationDisabledException.class)
                .hasMessageContaining("Outbound web identity federation is disabled");
    }

    @Test
    void rs256TokenCarriesAwsClaimsAndVerifies()
            throws Exception
    {
        federation(true);
        GetWebIdentityTokenResponse response = sts.getWebIdentityToken(call(ALICE), GetWebIdentityTokenRequest.builder()
                .audience("https://api.example.com").signingAlgorithm("RS256").tags(Tag.builder().key("job").value("42").build()).build());
        String token = response.webIdentityToken();
        assertThat(response.expiration()).isEqualTo(NOW.plusSeconds(300));
        JsonNode header = part(token, 0);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        JsonNode claims = part(token, 1);
        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("sub").asText()).isEqualTo(ALICE.arn());
        assertThat(claims.get("aud").asText()).isEqualTo("https://api.example.com");
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 300);
        assertThat(claims.get("jti").asText()).isNotEmpty();
        JsonNode aws = claims.get("https://sts.amazonaws.com/");
        assertThat(aws.get("aws_account").asText()).isEqualTo(ACCOUNT);
        assertThat(aws.get("source_region").asText()).isEqualTo("eu-west-1");
        assertThat(aws.get("principal_tags").get("team").asText()).isEqualTo("data");
        assertThat(aws.get("request_tags").get("job").asText()).isEqualTo("42");

        OutboundTokenKeys.SigningKey key = new OutboundTokenKeys(store).signingKey(ACCOUNT, OutboundTokenKeys.Algorithm.RS256);
        assertThat(header.get("kid").asText()).isEqualTo(key.keyId());
        String[] parts = token.split("\\.");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key.publicKey());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void es384TokenForRoleSessionNamesTheRoleAndEveryAudience()
            throws Exception
    {
        federation(true);
        SessionClaims session = new SessionClaims("ASIAWORKER0000000000", "secret", ACCOUNT, SessionClaims.SessionKind.ASSUMED_ROLE,
                "arn:aws:sts::123456789012:assumed-role/Worker/run", "AROAWORKER00000000000:run", "AROAWORKER00000000000", "run",
                NOW.minusSeconds(60), NOW.plusSeconds(900), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of("team", "session-team"), Set.of(), false);
        Caller worker = new Caller(ACCOUNT, session.principalArn(), session.principalId(), Caller.PrincipalType.ASSUMED_ROLE, session.accessKeyId(), Optional.of(session));
        String token = sts.getWebIdentityToken(call(worker), GetWebIdentityTokenRequest.builder()
                .audience("a", "b").signingAlgorithm("ES384").durationSeconds(600).build()).webIdentityToken();
        JsonNode claims = part(token, 1);
        assertThat(claims.get("sub").asText()).isEqualTo("arn:aws:iam::123456789012:role/jobs/Worker");
        assertThat(claims.get("aud").isArray()).isTrue();
        assertThat(claims.get("aud")).hasSize(2);
        JsonNode tags = claims.get("https://sts.amazonaws.com/").get("principal_tags");
        assertThat(tags.get("team").asText()).isEqualTo("session-team");
        assertThat(tags.get("env").asText()).isEqualTo("prod");

        OutboundTokenKeys.SigningKey key = new OutboundTokenKeys(store).signingKey(ACCOUNT, OutboundTokenKeys.Algorithm.ES384);
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        assertThat(signature).hasSize(96);
        Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
        verifier.initVerify(key.publicKey());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).isTrue();

        // Beyond the calling session's own expiry (15 minutes from now) the token would outlive it.
        assertThatThrownBy(() -> sts.getWebIdentityToken(call(worker), GetWebIdentityTokenRequest.builder()
                .audience("a").signingAlgorithm("ES384").durationSeconds(3600).build()))
                .isInstanceOf(SessionDurationEscalationException.class);
    }

    @Test
    void unknownAlgorithmIsAValidationError()
    {
        federation(true);
        assertThatThrownBy(() -> sts.getWebIdentityToken(call(ALICE), GetWebIdentityTokenRequest.builder().audience("a").signingAlgorithm("HS256").build()))
                .isInstanceOf(AwsErrorException.class)
                .hasMessageContaining("[RS256, ES384]");
    }

    @Test
    void keysAreMadeOncePerAccountAndPublished()
    {
        OutboundTokenKeys keys = new OutboundTokenKeys(store);
        assertThat(keys.jwks(ACCOUNT).get("keys")).asList().isEmpty();
        OutboundTokenKeys.SigningKey first = keys.signingKey(ACCOUNT, OutboundTokenKeys.Algorithm.RS256);
        assertThat(new OutboundTokenKeys(store).signingKey(ACCOUNT, OutboundTokenKeys.Algorithm.RS256).keyId()).isEqualTo(first.keyId());
        keys.signingKey(ACCOUNT, OutboundTokenKeys.Algorithm.ES384);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> published = (List<Map<String, Object>>) keys.jwks(ACCOUNT).get("keys");
        assertThat(published).extracting(jwk -> jwk.get("alg")).containsExactly("RS256", "ES384");
        assertThat(published.get(1)).containsEntry("crv", "P-384");
        assertThat(((String) published.get(1).get("x"))).hasSize(64);
    }

    @Test
    void assumeRootRefusesTheRootThenAuthorizesThenDeniesForWantOfOrganizations()
    {
        AssumeRootRequest request = AssumeRootRequest.builder().targetPrincipal("210987654321")
                .taskPolicyArn(PolicyDescriptorType.builder().arn("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials").build()).build();
        assertThatThrownBy(() -> sts.assumeRoot(call(Caller.root(ACCOUNT, "AKIAROOT000000000000")), request))
                .isInstanceOf(AwsErrorException.class)
                .hasMessage("You cannot use root user credentials to make this call.");
        assertThat(authorized).isEmpty();

        allow = false;
        assertThatThrownBy(() -> sts.assumeRoot(call(ALICE), request)).hasMessage("denied sts:AssumeRoot");
        assertThat(authorized).containsExactly("sts:AssumeRoot arn:aws:iam::210987654321:root [sts:TaskPolicyArn]");

        allow = true;
        assertThatThrownBy(() -> sts.assumeRoot(call(ALICE), request))
                .isInstanceOfSatisfying(AwsErrorException.class, error -> {
                    assertThat(error.code()).isEqualTo("AccessDenied");
                    assertThat(error.httpStatus()).isEqualTo(403);
                    assertThat(error.getMessage()).contains("AWS Organizations");
                });
    }

    @Test
    void everyTradeInTokenIsRefused()
    {
        assertThatThrownBy(() -> sts.getDelegatedAccessToken(call(ALICE), GetDelegatedAccessTokenRequest.builder().tradeInToken("anything").build()))
                .isInstanceOf(ExpiredTradeInTokenException.class);
    }
}
