package dev.lanyard.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.protocol.sigv4.SigV4Parser;
import dev.lanyard.protocol.sigv4.SignedRequest;
import dev.lanyard.services.Caller;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;
import dev.lanyard.services.auth.Authenticator;
import dev.lanyard.services.iam.IamMiscOperations;
import dev.lanyard.services.iam.OutboundFederationSettings;
import dev.lanyard.services.sts.OutboundTokenKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Lanyard's own endpoints beside the AWS APIs: health, reset (also at moto's path) and account creation. Requests that
 * change state are SigV4-signed by the default account's root, like any AWS call, except reset in lenient mode, where
 * moto-style suites call it unsigned. Answers are JSON; errors are {"__type", "message"} as in AWS's JSON protocol.
 *
 * <p>Also, unauthenticated, each account's outbound web identity federation discovery documents, which AWS serves at the
 * issuer URL itself: {@value #OIDC_PREFIX}{account}/.well-known/openid-configuration and {@value #OIDC_PREFIX}{account}/jwks.json.
 * The issuer stays AWS's form (https://UUID.tokens.sts.global.api.aws, what EnableOutboundWebIdentityFederation returned),
 * so the configuration names that issuer and points jwks_uri at Lanyard.
 */
final class AdminApi
{
    static final String HEALTH_PATH = "/health";
    static final String RESET_PATH = "/_lanyard/reset";
    static final String MOTO_RESET_PATH = "/moto-api/reset";
    static final String ACCOUNTS_PATH = "/_lanyard/accounts";
    static final String OIDC_PREFIX = "/_lanyard/oidc/";
    private static final Pattern OIDC_PATH = Pattern.compile("/_lanyard/oidc/(\\d{12})/(\\.well-known/openid-configuration|jwks\\.json)");

    // Admin requests are signed like STS requests (credential scope service "sts") and fail with STS's authentication errors.
    private static final AwsService AUTHENTICATION_FLAVOUR = AwsService.STS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LanyardServer server;
    private final Authenticator authenticator;
    private final OutboundTokenKeys outboundTokenKeys;
    private final Clock clock;

    AdminApi(LanyardServer server, Authenticator authenticator, OutboundTokenKeys outboundTokenKeys, Clock clock)
    {
        this.server = requireNonNull(server, "server is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.outboundTokenKeys = requireNonNull(outboundTokenKeys, "outboundTokenKeys is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    static boolean handles(String path)
    {
        return path.equals(HEALTH_PATH) || path.equals(RESET_PATH) || path.equals(MOTO_RESET_PATH) || path.equals(ACCOUNTS_PATH) || path.startsWith(OIDC_PREFIX);
    }

    WireResponse handle(WireRequest request)
    {
        try {
            if (request.path().startsWith(OIDC_PREFIX)) {
                return outboundDiscovery(request);
            }
            return switch (request.path()) {
                case HEALTH_PATH -> health(request);
                case RESET_PATH, MOTO_RESET_PATH -> reset(request);
                case ACCOUNTS_PATH -> createAccount(request);
                default -> throw new AwsErrorException("NotFound", "No such endpoint: " + request.path(), 404);
            };
        }
        catch (AwsErrorException error) {
            return json(error.httpStatus(), Map.of("__type", error.code(), "message", error.getMessage()));
        }
    }

    private WireResponse health(WireRequest request)
    {
        requireMethod(request, "GET");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("accountId", server.config().accountId());
        body.put("region", server.config().region());
        body.put("auth", server.config().authMode().name().toLowerCase(java.util.Locale.ROOT));
        body.put("time", clock.instant().toString());
        return json(200, body);
    }

    private WireResponse reset(WireRequest request)
    {
        requireMethod(request, "POST");
        if (server.config().authMode() == AuthMode.STRICT) {
            requireDefaultRoot(request);
        }
        server.reset();
        return json(200, Map.of("status", "reset"));
    }

    private WireResponse createAccount(WireRequest request)
    {
        requireMethod(request, "POST");
        requireDefaultRoot(request);
        String accountId = readAccountId(request);
        RootCredentials created = server.accounts().createAccount(accountId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AccountId", created.accountId());
        body.put("AccessKeyId", created.accessKeyId());
        body.put("SecretAccessKey", created.secretAccessKey());
        return json(200, body);
    }

    /**
     * An account's OIDC discovery document or JWKS. An account that never enabled outbound federation has neither (404);
     * one that disabled it keeps serving its keys, so tokens issued before still verify until they expire.
     */
    private WireResponse outboundDiscovery(WireRequest request)
    {
        requireMethod(request, "GET");
        Matcher matcher = OIDC_PATH.matcher(request.path());
        if (!matcher.matches()) {
            throw new AwsErrorException("NotFound", "No such endpoint: " + request.path(), 404);
        }
        String accountId = matcher.group(1);
        Optional<OutboundFederationSettings> settings = server.store().read(transaction -> IamMiscOperations.outboundFederation(transaction, accountId));
        if (settings.isEmpty()) {
            throw new AwsErrorException("NotFound", "Outbound web identity federation has never been enabled for account " + accountId, 404);
        }
        if (matcher.group(2).equals("jwks.json")) {
            return json(200, outboundTokenKeys.jwks(accountId));
        }
        String base = (request.secure() ? "https://" : "http://") + request.header("Host").orElse(server.config().host() + ":" + server.config().port());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("issuer", settings.get().issuerIdentifier());
        configuration.put("jwks_uri", base + OIDC_PREFIX + accountId + "/jwks.json");
        configuration.put("response_types_supported", List.of("id_token"));
        configuration.put("subject_types_supported", List.of("public"));
        configuration.put("id_token_signing_alg_values_supported", List.of("RS256", "ES384"));
        return json(200, configuration);
    }

    private void requireDefaultRoot(WireRequest request)
    {
        SignedRequest signed = SigV4Parser.parse(request, AUTHENTICATION_FLAVOUR);
        Caller caller = authenticator.authenticate(request, signed, AUTHENTICATION_FLAVOUR);
        if (!caller.isRoot() || !caller.accountId().equals(server.config().accountId())) {
            throw new AwsErrorException("AccessDenied", "User: " + caller.arn() + " is not authorized to perform this operation: only the root of the default account " + server.config().accountId() + " may", 403);
        }
    }

    private static String readAccountId(WireRequest request)
    {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        }
        catch (IOException malformed) {
            throw new AwsErrorException("SerializationException", "The request body is not valid JSON", 400);
        }
        JsonNode accountId = body == null ? null : body.get("AccountId");
        if (accountId == null || !accountId.isTextual()) {
            throw new AwsErrorException("ValidationError", "The request body must be {\"AccountId\": \"twelve digits\"}", 400);
        }
        return accountId.textValue();
    }

    private static void requireMethod(WireRequest request, String method)
    {
        if (!request.method().equals(method)) {
            throw new AwsErrorException("MethodNotAllowed", request.path() + " answers " + method + " only", 405);
        }
    }

    private static WireResponse json(int status, Map<String, ?> body)
    {
        try {
            return new WireResponse(status, "application/json", JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always serializes", e);
        }
    }

}
