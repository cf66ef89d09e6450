package dev.lanyard.services.sts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamArns;
import dev.lanyard.services.iam.IamMiscOperations;
import dev.lanyard.services.iam.OutboundFederationSettings;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.services.iam.UserBody;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.Store;
import software.amazon.awssdk.services.sts.model.AssumeRootRequest;
import software.amazon.awssdk.services.sts.model.AssumeRootResponse;
import software.amazon.awssdk.services.sts.model.ExpiredTradeInTokenException;
import software.amazon.awssdk.services.sts.model.GetDelegatedAccessTokenRequest;
import software.amazon.awssdk.services.sts.model.GetDelegatedAccessTokenResponse;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.OutboundWebIdentityFederationDisabledException;
import software.amazon.awssdk.services.sts.model.SessionDurationEscalationException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The STS operations that reach outside a standalone account: GetWebIdentityToken (outbound web identity federation),
 * AssumeRoot (centralized root access of AWS Organizations) and GetDelegatedAccessToken (IAM temporary delegation).
 */
public final class StsOutboundOperations
{
    static final Duration DEFAULT_WEB_IDENTITY_TOKEN = Duration.ofMinutes(5);
    /** The claims AWS nests its own (identity, session context and request tags) under. */
    static final String AWS_CLAIMS = "https://sts.amazonaws.com/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Store store;
    private final OutboundTokenKeys signingKeys;
    private final AccessControl accessControl;

    public StsOutboundOperations(Store store, OutboundTokenKeys signingKeys, AccessControl accessControl)
    {
        this.store = requireNonNull(store, "store is null");
        this.signingKeys = requireNonNull(signingKeys, "signingKeys is null");
        this.accessControl = requireNonNull(accessControl, "accessControl is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(GetWebIdentityTokenRequest.class, this::getWebIdentityToken)
                .register(GetDelegatedAccessTokenRequest.class, this::getDelegatedAccessToken)
                .registerSelfAuthorized(AssumeRootRequest.class, this::assumeRoot);
    }

    /**
     * A JWT for an external service, signed with the account's key for the requested algorithm (the pipeline has
     * authorized sts:GetWebIdentityToken, and sts:TagGetWebIdentityToken when Tags are given). The claims follow AWS's
     * "Understanding token claims": iss, sub (the user's or role's ARN; for a role session the role's, as AWS's sample
     * shows), aud (a string for one audience, an array for several), iat, exp, jti, and under "https://sts.amazonaws.com/"
     * aws_account, source_region, principal_tags and request_tags. AWS's sample token has no nbf, so neither has ours.
     * Organization claims (org_id, ou_path) and compute context (EC2, Lambda ARNs) do not exist in Lanyard.
     */
    public GetWebIdentityTokenResponse getWebIdentityToken(CallContext context, GetWebIdentityTokenRequest request)
    {
        Caller caller = context.caller();
        OutboundTokenKeys.Algorithm algorithm = algorithm(request.signingAlgorithm());
        Duration duration = request.durationSeconds() == null ? DEFAULT_WEB_IDENTITY_TOKEN : Duration.ofSeconds(request.durationSeconds());
        Instant issuedAt = context.requestTime().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(duration);
        Optional<Instant> sessionExpiry = caller.session().map(SessionClaims::expiresAt);
        if (sessionExpiry.isPresent() && expiresAt.isAfter(sessionExpiry.get())) {
            throw SessionDurationEscalationException.builder()
                    .message("The requested token duration would extend beyond the expiration of the calling session (" + sessionExpiry.get() + ").")
                    .build();
        }

        Identity identity = store.read(transaction -> {
            OutboundFederationSettings settings = IamMiscOperations.outboundFederation(transaction, caller.accountId())
                    .filter(OutboundFederationSettings::enabled)
                    .orElseThrow(() -> OutboundWebIdentityFederationDisabledException.builder()
                            .message("Outbound web identity federation is disabled for this account.")
                            .build());
            return identity(transaction, caller, settings.issuerIdentifier());
        });

        Map<String, Object> header = new LinkedHashMap<>();
        OutboundTokenKeys.SigningKey key = signingKeys.signingKey(caller.accountId(), algorithm);
        header.put("alg", algorithm.name());
        header.put("typ", "JWT");
        header.put("kid", key.keyId());

        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", identity.issuer());
        List<String> audience = request.audience();
        claims.put("aud", audience.size() == 1 ? audience.getFirst() : audience);
        claims.put("sub", identity.subject());
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        Map<String, Object> awsClaims = new LinkedHashMap<>();
        awsClaims.put("aws_account", caller.accountId());
        awsClaims.put("source_region", context.region());
        if (!identity.principalTags().isEmpty()) {
            awsClaims.put("principal_tags", identity.principalTags());
        }
        if (request.hasTags() && !request.tags().isEmpty()) {
            Map<String, String> requestTags = new LinkedHashMap<>();
            for (Tag tag : request.tags()) {
                requestTags.put(tag.key(), tag.value());
            }
            awsClaims.put("request_tags", requestTags);
        }
        claims.put(AWS_CLAIMS, awsClaims);

        String signingInput = base64Url(json(header)) + "." + base64Url(json(claims));
        String token = signingInput + "." + base64Url(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
        return GetWebIdentityTokenResponse.builder().webIdentityToken(token).expiration(expiresAt).build();
    }

    /**
     * AWS lets only an Organizations management account (or a delegated administrator for IAM) with centralized root
     * access enabled call AssumeRoot on a member account. Lanyard has no Organizations, so no account is either: after the
     * caller is refused as AWS refuses the root, and authorized for sts:AssumeRoot on the target's root like any call,
     * the request is denied. The wording of that denial is ours: AWS's answer to a standalone account is not documented.
     */
    public AssumeRootResponse assumeRoot(CallContext context, AssumeRootRequest request)
    {
        Caller caller = context.caller();
        if (caller.isRoot() || caller.session().map(session -> session.kind() == SessionClaims.SessionKind.ROOT_SESSION).orElse(false)) {
            throw StsErrors.accessDenied("You cannot use root user credentials to make this call.");
        }
        String target = request.targetPrincipal();
        String targetRoot = target.startsWith("arn:") ? target : IamArns.root(target);
        Map<String, List<ContextValue>> extraContext = new LinkedHashMap<>();
        if (request.taskPolicyArn() != null && request.taskPolicyArn().arn() != null) {
            extraContext.put("sts:TaskPolicyArn", List.of(ContextValue.string(request.taskPolicyArn().arn())));
        }
        accessControl.require(context, "sts:AssumeRoot", targetRoot, extraContext, Optional.empty());
        throw StsErrors.accessDenied("Account " + caller.accountId() + " is not the management account or a delegated administrator of an organization with "
                + "centralized root access: AssumeRoot requires AWS Organizations, which Lanyard does not provide.");
    }

    /**
     * What is modelled: the operation, its authorization (sts:GetDelegatedAccessToken, by the pipeline) and its error.
     * What is not: the trade-in token itself. In AWS, SendDelegationToken (IAM) delivers it to the partner through the
     * request's notification channel (SNS); Lanyard has no SNS, and its SendDelegationToken only finalizes the request
     * (DelegationRequests) without minting a token. So no trade-in token exists that this operation could verify, and
     * every token presented is one Lanyard never issued: it is refused with the one token error AWS models for the
     * operation, ExpiredTradeInTokenException, whose message is the model's own description.
     */
    public GetDelegatedAccessTokenResponse getDelegatedAccessToken(CallContext context, GetDelegatedAccessTokenRequest request)
    {
        throw ExpiredTradeInTokenException.builder()
                .message("The trade-in token provided in the request has expired and can no longer be exchanged for credentials. Request a new token and retry the operation.")
                .build();
    }

    static OutboundTokenKeys.Algorithm algorithm(String signingAlgorithm)
    {
        for (OutboundTokenKeys.Algorithm algorithm : OutboundTokenKeys.Algorithm.values()) {
            if (algorithm.name().equals(signingAlgorithm)) {
                return algorithm;
            }
        }
        throw new AwsErrorException("ValidationError", "1 validation error detected: Value '" + signingAlgorithm
                + "' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]", 400);
    }

    /** Who the token speaks for: issuer, subject and the principal's tags (a role session's tags override the role's). */
    private record Identity(String issuer, String subject, Map<String, String> principalTags) {}

    private static Identity identity(ReadTransaction transaction, Caller caller, String issuer)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        String subject = caller.arn();
        switch (caller.type()) {
            case USER -> transaction.entityById(caller.accountId(), EntityKinds.USER, caller.userId())
                    .map(user -> EntityJson.read(user.body(), UserBody.class))
                    .ifPresent(body -> body.tags().forEach((StoredTag tag) -> tags.put(tag.key(), tag.value())));
            case ASSUMED_ROLE -> {
                String roleId = caller.session().map(SessionClaims::sourcePrincipalId).orElse("");
                Optional<Entity> role = transaction.entityById(caller.accountId(), EntityKinds.ROLE, roleId);
                if (role.isPresent()) {
                    subject = IamArns.role(caller.accountId(), role.get().path(), role.get().name());
                    EntityJson.read(role.get().body(), RoleBody.class).tags().forEach((StoredTag tag) -> tags.put(tag.key(), tag.value()));
                }
            }
            case ROOT, FEDERATED_USER, ANONYMOUS -> { }
        }
        caller.session().ifPresent(session -> tags.putAll(session.tags()));
        return new Identity(issuer, subject, tags);
    }

    private static byte[] json(Object value)
    {
        try {
            return JSON.writeValueAsBytes(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings and numbers always serialize", e);
        }
    }

    private static String base64Url(byte[] bytes)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
