package dev.lanyard.services.sts;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.EvaluationResult;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.store.Account;
import dev.lanyard.store.Entity;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AssumeRole against a real store, with an AccessControl that records what it is asked and allows or denies as told. */
class StsAssumeRoleTest
{
    private static final String ACCOUNT = "123456789012";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/Worker";
    private static final Caller USER = new Caller(ACCOUNT, "arn:aws:iam::123456789012:user/alice", "AIDAALICE0000000000000", Caller.PrincipalType.USER, "AKIAALICE00000000000");

    private Store store;
    private RecordingAccessControl accessControl;
    private StsOperations sts;

    /** What AssumeRole asked, and the answer it got. */
    private static final class RecordingAccessControl
            implements AccessControl
    {
        final List<String> actions = new ArrayList<>();
        final List<Map<String, List<ContextValue>>> contexts = new ArrayList<>();
        boolean allow = true;

        @Override
        public Decision decide(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
        {
            actions.add(action);
            contexts.add(Map.copyOf(extraContext));
            assertThat(resourcePolicies).isPresent();
            return new Decision(allow ? EvaluationResult.ALLOWED : EvaluationResult.IMPLICIT_DENY, PolicyLayer.RESOURCE, List.of());
        }

        @Override
        public void require(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
        {
            if (!decide(context, action, resourceArn, extraContext, resourcePolicies).allowed()) {
                throw new AwsErrorException("AccessDenied", "denied " + action, 403);
            }
        }
    }

    @BeforeEach
    void setUp()
            throws IOException
    {
        store = SqliteStore.open(Files.createTempDirectory("lanyard-sts-"), new SecretCipher(MasterKey.random()));
        store.write(transaction -> {
            transaction.insertAccount(new Account(ACCOUNT, Instant.now(), true));
            RoleBody body = new RoleBody("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}}""",
                    List.of(), null, 7200, null, List.of(), null, null, null);
            transaction.insertEntity(Entity.create(ACCOUNT, EntityKinds.ROLE, "AROAWORKER00000000000", "Worker", "/", EntityJson.write(body), Instant.now()));
            return null;
        });
        accessControl = new RecordingAccessControl();
        SessionTokenKeyRing keyRing = SessionTokenKeyRing.load(store, ACCOUNT, Clock.systemUTC());
        sts = new StsOperations(store, new SessionTokenCodec(keyRing), new AccessKeyGenerator(), (caller, serial, code, now) -> code.equals("123456"), accessControl, new AuthorizationMessageSealer(keyRing));
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    private static CallContext call(Caller caller)
    {
        return new CallContext(caller, AwsService.STS, "AssumeRole", "request-1", "us-east-1", Instant.now(), "127.0.0.1", true);
    }

    @Test
    void contextCarriesMfaExternalIdSessionNameAndTags()
    {
        AssumeRoleResponse response = sts.assumeRole(call(USER), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("work")
                .serialNumber("arn:aws:iam::123456789012:mfa/alice").tokenCode("123456").externalId("ext-1")
                .tags(Tag.builder().key("team").value("blue").build()).transitiveTagKeys("team").sourceIdentity("alice@example.com").build());
        assertThat(accessControl.actions).containsExactly("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity");
        Map<String, List<ContextValue>> context = accessControl.contexts.getFirst();
        assertThat(context.get("aws:MultiFactorAuthPresent")).extracting(ContextValue::text).containsExactly("true");
        assertThat(context.get("sts:ExternalId")).extracting(ContextValue::text).containsExactly("ext-1");
        assertThat(context.get("sts:RoleSessionName")).extracting(ContextValue::text).containsExactly("work");
        assertThat(context.get("sts:SourceIdentity")).extracting(ContextValue::text).containsExactly("alice@example.com");
        assertThat(context.get("aws:RequestTag/team")).extracting(ContextValue::text).containsExactly("blue");
        assertThat(context.get("aws:TagKeys")).extracting(ContextValue::text).containsExactly("team");
        assertThat(context.get("sts:TransitiveTagKeys")).extracting(ContextValue::text).containsExactly("team");
        assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Worker/work");
        assertThat(response.assumedRoleUser().assumedRoleId()).isEqualTo("AROAWORKER00000000000:work");
        assertThat(response.sourceIdentity()).isEqualTo("alice@example.com");
        assertThat(response.packedPolicySize()).isBetween(1, 100);
        assertThat(response.credentials().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void wrongMfaCodeIsRefusedBeforeTheTrustDecision()
    {
        assertThatThrownBy(() -> sts.assumeRole(call(USER), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("work")
                .serialNumber("arn:aws:iam::123456789012:mfa/alice").tokenCode("654321").build()))
                .isInstanceOfSatisfying(AwsErrorException.class, error -> assertThat(error.code()).isEqualTo("AccessDenied"));
        assertThat(accessControl.actions).isEmpty();
    }

    @Test
    void deniedTrustIsAccessDenied()
    {
        accessControl.allow = false;
        assertThatThrownBy(() -> sts.assumeRole(call(USER), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("work").build()))
                .isInstanceOfSatisfying(AwsErrorException.class, error -> assertThat(error.code()).isEqualTo("AccessDenied"));
    }

    @Test
    void durationLimits()
    {
        assertThatThrownBy(() -> sts.assumeRole(call(USER), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("work").durationSeconds(7201).build()))
                .hasMessage("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        AssumeRoleResponse first = sts.assumeRole(call(USER), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("work").durationSeconds(7200)
                .sourceIdentity("alice").tags(Tag.builder().key("team").value("blue").build()).transitiveTagKeys("team").build());
        SessionClaims claims = new SessionTokenCodec(SessionTokenKeyRing.load(store, ACCOUNT, Clock.systemUTC())).decode(first.credentials().sessionToken()).orElseThrow();
        Caller session = new Caller(ACCOUNT, claims.principalArn(), claims.principalId(), Caller.PrincipalType.ASSUMED_ROLE, claims.accessKeyId(), Optional.of(claims));
        assertThatThrownBy(() -> sts.assumeRole(call(session), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("again").durationSeconds(3601).build()))
                .hasMessage("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        assertThatThrownBy(() -> sts.assumeRole(call(session), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("again").sourceIdentity("mallory").build()))
                .isInstanceOfSatisfying(AwsErrorException.class, error -> assertThat(error.code()).isEqualTo("AccessDenied"));
        AssumeRoleResponse chained = sts.assumeRole(call(session), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("again").build());
        // The source identity and the transitive tags survive the chain.
        assertThat(chained.sourceIdentity()).isEqualTo("alice");
        assertThat(chained.packedPolicySize()).isPositive();
    }

    @Test
    void rootMayNotAssumeRoles()
    {
        assertThatThrownBy(() -> sts.assumeRole(call(Caller.root(ACCOUNT, "AKIAROOT000000000000")), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("work").build()))
                .hasMessage("Roles may not be assumed by root accounts.");
    }

    @Test
    void packedPolicyTooLarge()
    {
        List<Tag> tags = new ArrayList<>();
        java.util.Random random = new java.util.Random(1);
        for (int index = 0; index < 50; index++) {
            StringBuilder value = new StringBuilder();
            random.ints(256, 'a', 'z' + 1).forEach(character -> value.append((char) character));
            tags.add(Tag.builder().key("key" + index).value(value.toString()).build());
        }
        assertThatThrownBy(() -> sts.assumeRole(call(USER), AssumeRoleRequest.builder().roleArn(ROLE_ARN).roleSessionName("work").tags(tags).build()))
                .isInstanceOfSatisfying(AwsErrorException.class, error -> assertThat(error.code()).isEqualTo("PackedPolicyTooLarge"));
    }
}
