package dev.lanyard.services.auth;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.sigv4.SigV4Errors;
import dev.lanyard.protocol.sigv4.SigV4Verifier;
import dev.lanyard.protocol.sigv4.SignedRequest;
import dev.lanyard.services.Caller;
import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Store;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Turns a signed request into the calling principal, or refuses it with the service's own authentication error. */
public final class Authenticator
{
    private final AccessKeyCache accessKeys;
    private final UserCallerCache users;
    private final AccessKeyLastUsedRecorder lastUsed;
    private final SigV4Verifier verifier;
    private final SessionAuthenticator sessions;
    private final AuthMode mode;
    private final String defaultAccountId;

    public Authenticator(Store store, SigV4Verifier verifier, SessionAuthenticator sessions, AuthMode mode, String defaultAccountId)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.accessKeys = new AccessKeyCache(requireNonNull(store, "store is null"));
        this.users = new UserCallerCache(store);
        this.lastUsed = new AccessKeyLastUsedRecorder(store);
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.defaultAccountId = requireNonNull(defaultAccountId, "defaultAccountId is null");
    }

    public Caller authenticate(WireRequest request, SignedRequest signed, AwsService service)
    {
        if (SessionAuthenticator.isTemporaryKey(signed.accessKeyId())) {
            if (mode == AuthMode.LENIENT && !sessions.issued(signed)) {
                // Lenient: temporary credentials this server never issued are unknown keys like any other.
                return Caller.root(defaultAccountId, signed.accessKeyId());
            }
            return sessions.authenticate(request, signed, service);
        }
        Optional<AccessKey> key = accessKeys.find(signed.accessKeyId());
        if (key.isEmpty()) {
            if (mode == AuthMode.LENIENT) {
                return Caller.root(defaultAccountId, signed.accessKeyId());
            }
            throw SigV4Errors.unknownAccessKey(service);
        }
        AccessKey accessKey = key.get();
        if (accessKey.status() != AccessKey.Status.ACTIVE) {
            // AWS answers an inactive key exactly as an unknown one.
            throw SigV4Errors.unknownAccessKey(service);
        }
        verifier.verify(signed, request, accessKey.secretAccessKey(), service);
        lastUsed.used(accessKey, signed.requestTime(), service.signingName(), signed.scope().region());
        if (accessKey.isRoot()) {
            return Caller.root(accessKey.accountId(), accessKey.accessKeyId());
        }
        // A user key names its user by unique id; a key whose user is gone is as good as unknown.
        return users.find(accessKey).orElseThrow(() -> SigV4Errors.unknownAccessKey(service));
    }

    public AuthMode mode()
    {
        return mode;
    }
}
