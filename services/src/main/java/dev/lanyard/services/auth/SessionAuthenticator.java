package dev.lanyard.services.auth;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.sigv4.SigV4Errors;
import dev.lanyard.protocol.sigv4.SigV4Verifier;
import dev.lanyard.protocol.sigv4.SignedRequest;
import dev.lanyard.services.Caller;
import dev.lanyard.services.sts.SessionClaims;
import dev.lanyard.services.sts.SessionTokenCodec;

import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Authenticates requests signed with temporary credentials (ASIA...): the session token carries the claims and the
 * secret, sealed by this server, so no database read is needed. The token must belong to the signing key, be unexpired,
 * and the signature must verify with the secret inside it.
 */
public final class SessionAuthenticator
{
    public static final String TEMPORARY_KEY_PREFIX = "ASIA";

    private final SessionTokenCodec tokens;
    private final SigV4Verifier verifier;
    private final Clock clock;

    public SessionAuthenticator(SessionTokenCodec tokens, SigV4Verifier verifier, Clock clock)
    {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public static boolean isTemporaryKey(String accessKeyId)
    {
        return accessKeyId.startsWith(TEMPORARY_KEY_PREFIX);
    }

    /** Whether the request carries a session token this server sealed for the signing key. */
    public boolean issued(SignedRequest signed)
    {
        return claims(signed).isPresent();
    }

    public Caller authenticate(WireRequest request, SignedRequest signed, AwsService service)
    {
        SessionClaims claims = claims(signed).orElseThrow(() -> SigV4Errors.unknownAccessKey(service));
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw SigV4Errors.expiredToken(service);
        }
        verifier.verify(signed, request, claims.secretAccessKey(), service);
        return new Caller(claims.accountId(), claims.principalArn(), claims.principalId(), principalType(claims.kind()), claims.accessKeyId(), Optional.of(claims));
    }

    private Optional<SessionClaims> claims(SignedRequest signed)
    {
        return signed.securityToken()
                .flatMap(tokens::decode)
                .filter(claims -> claims.accessKeyId().equals(signed.accessKeyId()));
    }

    private static Caller.PrincipalType principalType(SessionClaims.SessionKind kind)
    {
        return switch (kind) {
            case ASSUMED_ROLE -> Caller.PrincipalType.ASSUMED_ROLE;
            case FEDERATED_USER -> Caller.PrincipalType.FEDERATED_USER;
            case USER_SESSION -> Caller.PrincipalType.USER;
            case ROOT_SESSION -> Caller.PrincipalType.ROOT;
        };
    }
}
