package dev.lanyard.services.sts;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccessKeyIds;
import dev.lanyard.services.authorization.AccessControl.ResourcePolicies;
import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.SamlProviders;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Store;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.DecodeAuthorizationMessageRequest;
import software.amazon.awssdk.services.sts.model.DecodeAuthorizationMessageResponse;
import software.amazon.awssdk.services.sts.model.FederatedUser;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoRequest;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetFederationTokenRequest;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;
import software.amazon.awssdk.services.sts.model.Tag;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The STS operations. */
public final class StsOperations
{
    private static final Duration DEFAULT_USER_SESSION = Duration.ofHours(12);
    // AWS caps the root's GetSessionToken and GetFederationToken at one hour, silently.
    private static final Duration MAXIMUM_ROOT_SESSION = Duration.ofHours(1);
    private static final Duration DEFAULT_ROLE_SESSION = Duration.ofHours(1);
    private static final Duration MINIMUM_SESSION = Duration.ofMinutes(15);
    private static final Duration MAXIMUM_CHAINED_SESSION = Duration.ofHours(1);
    // RoleLastUsed is approximate in AWS too (tracked "within the previous 4 hours"): writing it at most hourly per
    // role and region keeps AssumeRole free of a database write on nearly every call.
    private static final Duration LAST_USED_GRANULARITY = Duration.ofHours(1);

    private final Store store;
    private final SessionTokenCodec tokens;
    private final AccessKeyGenerator keys;
    private final MfaCodeVerifier mfa;
    private final AccessControl accessControl;
    private final AuthorizationMessageSealer authorizationMessages;
    private final WebIdentityTokenVerifier webIdentityTokens;
    private final AssumableRoles assumableRoles;

    public StsOperations(Store store, SessionTokenCodec tokens, AccessKeyGenerator keys, MfaCodeVerifier mfa, AccessControl accessControl, AuthorizationMessageSealer authorizationMessages)
    {
        this(store, tokens, keys, mfa, accessControl, authorizationMessages, new HttpIssuerKeys(Clock.systemUTC()));
    }

    StsOperations(Store store, SessionTokenCodec tokens, AccessKeyGenerator keys, MfaCodeVerifier mfa, AccessControl accessControl, AuthorizationMessageSealer authorizationMessages, IssuerKeys issuerKeys)
    {
        this.webIdentityTokens = new WebIdentityTokenVerifier(store, issuerKeys);
        this.store = requireNonNull(store, "store is null");
        this.assumableRoles = new AssumableRoles(store);
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.mfa = requireNonNull(mfa, "mfa is null");
        this.accessControl = requireNonNull(accessControl, "accessControl is null");
        this.authorizationMessages = requireNonNull(authorizationMessages, "authorizationMessages is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(GetCallerIdentityRequest.class, this::getCallerIdentity)
                .register(GetAccessKeyInfoRequest.class, this::getAccessKeyInfo)
                .register(GetSessionTokenRequest.class, this::getSessionToken)
                .register(GetFederationTokenRequest.class, this::getFederationToken)
                .register(DecodeAuthorizationMessageRequest.class, this::decodeAuthorizationMessage)
                .registerSelfAuthorized(AssumeRoleRequest.class, this::assumeRole)
                .registerSelfAuthorized(AssumeRoleWithWebIdentityRequest.class, this::assumeRoleWithWebIdentity)
                .registerSelfAuthorized(AssumeRoleWithSamlRequest.class, this::assumeRoleWithSaml);
    }

    public GetCallerIdentityResponse getCallerIdentity(CallContext context, GetCallerIdentityRequest request)
    {
        return GetCallerIdentityResponse.builder()
                .account(context.caller().accountId())
                .arn(context.caller().arn())
                .userId(context.caller().userId())
                .build();
    }

    public GetAccessKeyInfoResponse getAccessKeyInfo(CallContext context, GetAccessKeyInfoRequest request)
    {
        String account = AccessKeyIds.accountOf(request.accessKeyId())
                .orElseThrow(() -> new AwsErrorException("InvalidParameterValue", "The access key ID " + request.accessKeyId() + " is not valid.", 400));
        return GetAccessKeyInfoResponse.builder().account(account).build();
    }

    /** Opens an EC2 encoded authorization failure message; the pipeline has checked sts:DecodeAuthorizationMessage. */
    public DecodeAuthorizationMessageResponse decodeAuthorizationMessage(CallContext context, DecodeAuthorizationMessageRequest request)
    {
        String decoded = authorizationMessages.open(request.encodedMessage())
                .orElseThrow(() -> new AwsErrorException("InvalidAuthorizationMessageException",
                        "The error message provided in the request is invalid or was not created by this service.", 400));
        return DecodeAuthorizationMessageResponse.builder().decodedMessage(decoded).build();
    }

    public GetSessionTokenResponse getSessionToken(CallContext context, GetSessionTokenRequest request)
    {
        Caller caller = context.caller();
        if (caller.session().isPresent()) {
            throw new AwsErrorException("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
        }
        Duration duration = request.durationSeconds() == null ? DEFAULT_USER_SESSION : Duration.ofSeconds(request.durationSeconds());
        if (caller.isRoot() && duration.compareTo(MAXIMUM_ROOT_SESSION) > 0) {
            duration = MAXIMUM_ROOT_SESSION;
        }
        Optional<Instant> mfaAuthenticatedAt = verifyMfa(context, request.serialNumber(), request.tokenCode());
        Instant issuedAt = context.requestTime().truncatedTo(ChronoUnit.SECONDS);
        SessionClaims claims = new SessionClaims(
                keys.newAccessKeyId("ASIA", caller.accountId()),
                keys.newSecretAccessKey(),
                caller.accountId(),
                caller.isRoot() ? SessionClaims.SessionKind.ROOT_SESSION : SessionClaims.SessionKind.USER_SESSION,
                caller.arn(),
                caller.userId(),
                caller.userId(),
                "",
                issuedAt,
                issuedAt.plus(duration),
                mfaAuthenticatedAt,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Map.of(),
                Set.of(),
                false);
        return GetSessionTokenResponse.builder().credentials(credentials(claims)).build();
    }

    /**
     * A federated-user session for an IAM user or the root. Its permissions are the intersection of the caller's and
     * the session policies, so without a policy it may do nothing (the pipeline has authorized sts:GetFederationToken).
     */
    public GetFederationTokenResponse getFederationToken(CallContext context, GetFederationTokenRequest request)
    {
        Caller caller = context.caller();
        if (caller.session().isPresent() || (caller.type() != Caller.PrincipalType.USER && caller.type() != Caller.PrincipalType.ROOT)) {
            throw StsErrors.accessDenied("Cannot call GetFederationToken with session credentials");
        }
        Duration duration = request.durationSeconds() == null ? DEFAULT_USER_SESSION : Duration.ofSeconds(request.durationSeconds());
        if (caller.isRoot() && duration.compareTo(MAXIMUM_ROOT_SESSION) > 0) {
            duration = MAXIMUM_ROOT_SESSION;
        }
        SessionTags tags = SessionTags.of(request.tags(), List.of(), Optional.empty());
        SessionPolicies policies = SessionPolicies.of(request.policy(), request.policyArns(), tags.requested());
        String name = request.name();
        String arn = "arn:aws:sts::" + caller.accountId() + ":federated-user/" + name;
        String federatedUserId = caller.accountId() + ":" + name;
        Instant issuedAt = context.requestTime().truncatedTo(ChronoUnit.SECONDS);
        SessionClaims claims = new SessionClaims(
                keys.newAccessKeyId("ASIA", caller.accountId()),
                keys.newSecretAccessKey(),
                caller.accountId(),
                SessionClaims.SessionKind.FEDERATED_USER,
                arn,
                federatedUserId,
                caller.userId(),
                name,
                issuedAt,
                issuedAt.plus(duration),
                Optional.empty(),
                Optional.empty(),
                policies.policy(),
                policies.policyArns(),
                tags.all(),
                Set.of(),
                false);
        GetFederationTokenResponse.Builder response = GetFederationTokenResponse.builder()
                .credentials(credentials(claims))
                .federatedUser(FederatedUser.builder().arn(arn).federatedUserId(federatedUserId).build());
        if (policies.present() || !tags.all().isEmpty()) {
            response.packedPolicySize(policies.packedPolicySize());
        }
        return response.build();
    }

    public AssumeRoleResponse assumeRole(CallContext context, AssumeRoleRequest request)
    {
        Caller caller = context.caller();
        String roleArn = request.roleArn();
        switch (caller.type()) {
            case ROOT -> throw StsErrors.accessDenied("Roles may not be assumed by root accounts.");
            case FEDERATED_USER, ANONYMOUS -> throw StsErrors.notAuthorized(caller.arn(), "sts:AssumeRole", roleArn);
            case USER, ASSUMED_ROLE -> { }
        }
        // A role that does not exist is refused exactly as one the caller may not assume: existence is not disclosed.
        AssumableRole role = assumableRoles.find(roleArn)
                .orElseThrow(() -> StsErrors.notAuthorized(caller.arn(), "sts:AssumeRole", roleArn));
        boolean chained = caller.type() == Caller.PrincipalType.ASSUMED_ROLE;
        Duration duration = roleSessionDuration(request.durationSeconds(), role, chained);
        Optional<SessionClaims> callingSession = caller.session();

        Optional<String> inheritedSourceIdentity = callingSession.flatMap(SessionClaims::sourceIdentity);
        if (inheritedSourceIdentity.isPresent() && request.sourceIdentity() != null && !inheritedSourceIdentity.get().equals(request.sourceIdentity())) {
            throw StsErrors.accessDenied("The source identity of a session cannot be changed: it is already set to " + inheritedSourceIdentity.get() + ".");
        }
        Optional<String> sourceIdentity = inheritedSourceIdentity.or(() -> Optional.ofNullable(request.sourceIdentity()));

        Optional<Instant> verifiedNow = verifyMfa(context, request.serialNumber(), request.tokenCode());
        Optional<Instant> mfaAuthenticatedAt = verifiedNow.or(() -> callingSession.flatMap(SessionClaims::mfaAuthenticatedAt));

        SessionTags tags = SessionTags.of(request.tags(), request.transitiveTagKeys(), callingSession);
        SessionPolicies policies = SessionPolicies.of(request.policy(), request.policyArns(), tags.all());

        Map<String, List<ContextValue>> extraContext = new LinkedHashMap<>();
        mfaAuthenticatedAt.ifPresent(at -> {
            extraContext.put("aws:MultiFactorAuthPresent", List.of(ContextValue.bool(true)));
            extraContext.put("aws:MultiFactorAuthAge", List.of(ContextValue.number(Math.max(0, Duration.between(at, context.requestTime()).toSeconds()))));
        });
        if (request.externalId() != null) {
            extraContext.put("sts:ExternalId", List.of(ContextValue.string(request.externalId())));
        }
        extraContext.put("sts:RoleSessionName", List.of(ContextValue.string(request.roleSessionName())));
        sourceIdentity.ifPresent(identity -> extraContext.put("sts:SourceIdentity", List.of(ContextValue.string(identity))));
        putTagKeys(extraContext, tags);

        Optional<ResourcePolicies> trust = Optional.of(new ResourcePolicies(role.accountId(), role.trustPolicy()));
        accessControl.require(context, "sts:AssumeRole", roleArn, extraContext, trust);
        if (!tags.requested().isEmpty()) {
            accessControl.require(context, "sts:TagSession", roleArn, extraContext, trust);
        }
        if (request.sourceIdentity() != null) {
            accessControl.require(context, "sts:SetSourceIdentity", roleArn, extraContext, trust);
        }

        SessionClaims claims = roleSession(context, role, request.roleSessionName(), duration, mfaAuthenticatedAt, sourceIdentity, policies, tags, chained);
        recordLastUsed(role, context);
        AssumeRoleResponse.Builder response = AssumeRoleResponse.builder()
                .credentials(credentials(claims))
                .assumedRoleUser(AssumedRoleUser.builder().arn(claims.principalArn()).assumedRoleId(claims.principalId()).build());
        if (policies.present() || !tags.all().isEmpty()) {
            response.packedPolicySize(policies.packedPolicySize());
        }
        sourceIdentity.ifPresent(response::sourceIdentity);
        return response.build();
    }

    /**
     * A role session for a user an OpenID Connect provider vouches for. Unsigned: the token is the credential. The
     * provider must be registered in the role's account; its keys are fetched from the issuer (see HttpIssuerKeys).
     */
    public AssumeRoleWithWebIdentityResponse assumeRoleWithWebIdentity(CallContext context, AssumeRoleWithWebIdentityRequest request)
    {
        String action = "sts:AssumeRoleWithWebIdentity";
        String roleArn = request.roleArn();
        String accountId = AssumableRole.accountOf(roleArn).orElseThrow(() -> FederatedTrust.notAuthorized(action));
        WebIdentityTokenVerifier.VerifiedWebIdentity identity = webIdentityTokens.verify(request.webIdentityToken(), accountId, context.requestTime());
        AssumableRole role = assumableRoles.find(roleArn).orElseThrow(() -> FederatedTrust.notAuthorized(action));
        Duration duration = roleSessionDuration(request.durationSeconds(), role, false);

        SessionTags tags = SessionTags.of(tags(identity.tags()), identity.transitiveTagKeys(), Optional.empty());
        SessionPolicies policies = SessionPolicies.of(request.policy(), request.policyArns(), tags.all());

        Map<String, List<ContextValue>> providerKeys = new LinkedHashMap<>();
        String prefix = identity.providerName() + ":";
        providerKeys.put(prefix + "aud", List.of(ContextValue.string(identity.audience())));
        providerKeys.put(prefix + "sub", List.of(ContextValue.string(identity.subject())));
        if (!identity.authenticationMethods().isEmpty()) {
            providerKeys.put(prefix + "amr", identity.authenticationMethods().stream().map(ContextValue::string).toList());
        }
        providerKeys.put("sts:RoleSessionName", List.of(ContextValue.string(request.roleSessionName())));
        identity.sourceIdentity().ifPresent(sourceIdentity -> providerKeys.put("sts:SourceIdentity", List.of(ContextValue.string(sourceIdentity))));
        putTagKeys(providerKeys, tags);
        requireFederatedTrust(context, role, identity.providerArn(), action, providerKeys, tags, identity.sourceIdentity());

        SessionClaims claims = roleSession(context, role, request.roleSessionName(), duration, Optional.empty(), identity.sourceIdentity(), policies, tags, false);
        recordLastUsed(role, context);
        AssumeRoleWithWebIdentityResponse.Builder response = AssumeRoleWithWebIdentityResponse.builder()
                .credentials(credentials(claims))
                .subjectFromWebIdentityToken(identity.subject())
                .assumedRoleUser(AssumedRoleUser.builder().arn(claims.principalArn()).assumedRoleId(claims.principalId()).build())
                .audience(identity.audience())
                .provider(identity.providerArn());
        if (policies.present() || !tags.all().isEmpty()) {
            response.packedPolicySize(policies.packedPolicySize());
        }
        identity.sourceIdentity().ifPresent(response::sourceIdentity);
        return response.build();
    }

    /**
     * A role session for a user a SAML identity provider vouches for. Unsigned: the signed assertion is the credential.
     * The assertion must name the requested role and provider together in its Role attribute.
     */
    public AssumeRoleWithSamlResponse assumeRoleWithSaml(CallContext context, AssumeRoleWithSamlRequest request)
    {
        String action = "sts:AssumeRoleWithSAML";
        String roleArn = request.roleArn();
        String providerArn = request.principalArn();
        String accountId = AssumableRole.accountOf(roleArn).orElseThrow(() -> FederatedTrust.notAuthorized(action));
        List<X509Certificate> certificates = store.read(transaction -> SamlProviders.signingCertificates(transaction, accountId, providerArn))
                .orElseThrow(() -> StsErrors.invalidIdentityToken("Specified provider doesn't exist"));
        byte[] xml;
        try {
            xml = Base64.getMimeDecoder().decode(request.samlAssertion());
        }
        catch (IllegalArgumentException e) {
            throw StsErrors.invalidIdentityToken("Invalid base64 SAMLResponse");
        }
        SamlAssertionVerifier.VerifiedAssertion assertion = SamlAssertionVerifier.verify(xml, certificates, context.requestTime());
        SamlSession session = SamlSession.of(assertion, roleArn, providerArn);
        AssumableRole role = assumableRoles.find(roleArn).orElseThrow(() -> FederatedTrust.notAuthorized(action));
        Duration duration = roleSessionDuration(request.durationSeconds(), role, false);
        if (session.sessionDuration().isPresent() && session.sessionDuration().get().compareTo(duration) < 0) {
            duration = session.sessionDuration().get();
        }

        SessionTags tags = SessionTags.of(tags(session.tags()), session.transitiveTagKeys(), Optional.empty());
        SessionPolicies policies = SessionPolicies.of(request.policy(), request.policyArns(), tags.all());
        String nameQualifier = SamlSession.nameQualifier(assertion.issuer(), accountId, providerArn);
        Map<String, List<ContextValue>> providerKeys = new LinkedHashMap<>();
        providerKeys.put("saml:aud", List.of(ContextValue.string(assertion.recipient())));
        providerKeys.put("saml:iss", List.of(ContextValue.string(assertion.issuer())));
        providerKeys.put("saml:sub", List.of(ContextValue.string(assertion.subject())));
        providerKeys.put("saml:sub_type", List.of(ContextValue.string(assertion.subjectType())));
        providerKeys.put("saml:namequalifier", List.of(ContextValue.string(nameQualifier)));
        providerKeys.put("saml:doc", List.of(ContextValue.string(providerArn.substring(providerArn.indexOf("::") + 2).replace(":saml-provider", ""))));
        providerKeys.put("sts:RoleSessionName", List.of(ContextValue.string(session.roleSessionName())));
        session.sourceIdentity().ifPresent(sourceIdentity -> providerKeys.put("sts:SourceIdentity", List.of(ContextValue.string(sourceIdentity))));
        putTagKeys(providerKeys, tags);
        requireFederatedTrust(context, role, providerArn, action, providerKeys, tags, session.sourceIdentity());

        SessionClaims claims = roleSession(context, role, session.roleSessionName(), duration, Optional.empty(), session.sourceIdentity(), policies, tags, false);
        recordLastUsed(role, context);
        AssumeRoleWithSamlResponse.Builder response = AssumeRoleWithSamlResponse.builder()
                .credentials(credentials(claims))
                .assumedRoleUser(AssumedRoleUser.builder().arn(claims.principalArn()).assumedRoleId(claims.principalId()).build())
                .subject(assertion.subject())
                .subjectType(assertion.subjectType())
                .issuer(assertion.issuer())
                .audience(assertion.recipient())
                .nameQualifier(nameQualifier);
        if (policies.present() || !tags.all().isEmpty()) {
            response.packedPolicySize(policies.packedPolicySize());
        }
        session.sourceIdentity().ifPresent(response::sourceIdentity);
        return response.build();
    }

    /** The trust policy must allow the provider's user the action, and sts:TagSession / sts:SetSourceIdentity when those are used. */
    private static void requireFederatedTrust(CallContext context, AssumableRole role, String providerArn, String action, Map<String, List<ContextValue>> providerKeys,
            SessionTags tags, Optional<String> sourceIdentity)
    {
        FederatedTrust.require(context, role, providerArn, action, providerKeys);
        if (!tags.requested().isEmpty()) {
            FederatedTrust.require(context, role, providerArn, "sts:TagSession", providerKeys);
        }
        if (sourceIdentity.isPresent()) {
            FederatedTrust.require(context, role, providerArn, "sts:SetSourceIdentity", providerKeys);
        }
    }

    /** A role session's claims; federated sessions pass no MFA time and are never chained. */
    private SessionClaims roleSession(CallContext context, AssumableRole role, String sessionName, Duration duration, Optional<Instant> mfaAuthenticatedAt,
            Optional<String> sourceIdentity, SessionPolicies policies, SessionTags tags, boolean chained)
    {
        Instant issuedAt = context.requestTime().truncatedTo(ChronoUnit.SECONDS);
        return new SessionClaims(
                keys.newAccessKeyId("ASIA", role.accountId()),
                keys.newSecretAccessKey(),
                role.accountId(),
                SessionClaims.SessionKind.ASSUMED_ROLE,
                role.sessionArn(sessionName),
                role.sessionPrincipalId(sessionName),
                role.id(),
                sessionName,
                issuedAt,
                issuedAt.plus(duration),
                mfaAuthenticatedAt,
                sourceIdentity,
                policies.policy(),
                policies.policyArns(),
                tags.all(),
                tags.transitiveKeys(),
                chained);
    }

    private static List<Tag> tags(Map<String, String> tags)
    {
        List<Tag> result = new ArrayList<>();
        tags.forEach((key, value) -> result.add(Tag.builder().key(key).value(value).build()));
        return result;
    }

    static void putTagKeys(Map<String, List<ContextValue>> extraContext, SessionTags tags)
    {
        if (tags.requested().isEmpty()) {
            return;
        }
        tags.requested().forEach((key, value) -> extraContext.put("aws:RequestTag/" + key, List.of(ContextValue.string(value))));
        extraContext.put("aws:TagKeys", tags.requested().keySet().stream().map(ContextValue::string).toList());
        if (!tags.transitiveKeys().isEmpty()) {
            extraContext.put("sts:TransitiveTagKeys", tags.transitiveKeys().stream().map(ContextValue::string).toList());
        }
    }

    /** 900 seconds up to the role's MaxSessionDuration (one hour when chaining roles), with AWS's messages beyond. */
    static Duration roleSessionDuration(Integer requestedSeconds, AssumableRole role, boolean chained)
    {
        if (requestedSeconds == null) {
            return DEFAULT_ROLE_SESSION;
        }
        Duration requested = Duration.ofSeconds(requestedSeconds);
        if (requested.compareTo(MINIMUM_SESSION) < 0) {
            throw StsErrors.validation("1 validation error detected: Value '" + requestedSeconds + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        }
        if (chained && requested.compareTo(MAXIMUM_CHAINED_SESSION) > 0) {
            throw StsErrors.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (requestedSeconds > role.body().maxSessionDuration()) {
            throw StsErrors.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return requested;
    }

    private void recordLastUsed(AssumableRole role, CallContext context)
    {
        String lastUsedDate = role.body().lastUsedDate();
        if (lastUsedDate != null && context.region().equals(role.body().lastUsedRegion())
                && Duration.between(Instant.parse(lastUsedDate), context.requestTime()).compareTo(LAST_USED_GRANULARITY) < 0) {
            return;
        }
        String now = context.requestTime().truncatedTo(ChronoUnit.SECONDS).toString();
        store.write(transaction -> {
            Optional<Entity> current = transaction.entityById(role.accountId(), role.entity().kind(), role.id());
            current.ifPresent(entity -> transaction.updateEntity(entity.withBody(EntityJson.write(
                    EntityJson.read(entity.body(), dev.lanyard.services.iam.RoleBody.class).withLastUsed(now, context.region())))));
            return null;
        });
    }

    private Optional<Instant> verifyMfa(CallContext context, String serialNumber, String tokenCode)
    {
        if (serialNumber == null && tokenCode == null) {
            return Optional.empty();
        }
        if (serialNumber == null || tokenCode == null) {
            throw new AwsErrorException("ValidationError", "SerialNumber and TokenCode must be given together", 400);
        }
        if (!mfa.verify(context.caller(), serialNumber, tokenCode, context.requestTime())) {
            throw new AwsErrorException("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ", 403);
        }
        return Optional.of(context.requestTime());
    }

    /** The wire form of a session's credentials. */
    Credentials credentials(SessionClaims claims)
    {
        return Credentials.builder()
                .accessKeyId(claims.accessKeyId())
                .secretAccessKey(claims.secretAccessKey())
                .sessionToken(tokens.encode(claims))
                .expiration(claims.expiresAt())
                .build();
    }
}
