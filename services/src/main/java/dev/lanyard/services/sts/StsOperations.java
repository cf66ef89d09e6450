package dev.lanyard.services.sts;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccessKeyIds;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.DecodeAuthorizationMessageRequest;
import software.amazon.awssdk.services.sts.model.DecodeAuthorizationMessageResponse;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoRequest;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The STS operations. */
public final class StsOperations
{
    private static final Duration DEFAULT_USER_SESSION = Duration.ofHours(12);
    // AWS caps the root's GetSessionToken at one hour, silently.
    private static final Duration MAXIMUM_ROOT_SESSION = Duration.ofHours(1);

    private final SessionTokenCodec tokens;
    private final AccessKeyGenerator keys;
    private final MfaCodeVerifier mfa;
    private final AuthorizationMessageSealer authorizationMessages;

    public StsOperations(SessionTokenCodec tokens, AccessKeyGenerator keys, MfaCodeVerifier mfa, AuthorizationMessageSealer authorizationMessages)
    {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.mfa = requireNonNull(mfa, "mfa is null");
        this.authorizationMessages = requireNonNull(authorizationMessages, "authorizationMessages is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(GetCallerIdentityRequest.class, this::getCallerIdentity)
                .register(GetAccessKeyInfoRequest.class, this::getAccessKeyInfo)
                .register(GetSessionTokenRequest.class, this::getSessionToken)
                .register(DecodeAuthorizationMessageRequest.class, this::decodeAuthorizationMessage);
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
