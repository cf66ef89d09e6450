package dev.lanyard.services.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanyard.protocol.AwsErrorException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * An issuer's keys fetched as OpenID Connect Discovery describes: {issuer}/.well-known/openid-configuration names the
 * jwks_uri, which serves the JWK Set. Sets are cached per issuer for {@link #CACHE_TIME}; a token naming an unknown key
 * refetches, at most once per {@link #MINIMUM_REFETCH_INTERVAL}, so forged kids cannot make us hammer an issuer.
 *
 * <p>Only https URLs are fetched, except plain http to a loopback address (a test's or a sidecar's local issuer);
 * redirects are not followed and bodies are bounded, since the URLs come from tokens anyone can present.
 */
final class HttpIssuerKeys
        implements IssuerKeys
{
    static final Duration CACHE_TIME = Duration.ofMinutes(10);
    static final Duration MINIMUM_REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAXIMUM_BODY_BYTES = 512 * 1024;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    // AWS's answer when it cannot get an issuer's keys (the doubled space is AWS's).
    static final String RETRIEVAL_FAILED = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private record Cached(JsonWebKeys keys, Instant fetchedAt) {}

    private final HttpClient client;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    HttpIssuerKeys(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public JsonWebKeys keys(String issuer, boolean refresh)
    {
        Instant now = clock.instant();
        Cached cached = cache.get(issuer);
        if (cached != null) {
            Duration age = Duration.between(cached.fetchedAt(), now);
            boolean fresh = age.compareTo(CACHE_TIME) < 0;
            if (fresh && (!refresh || age.compareTo(MINIMUM_REFETCH_INTERVAL) < 0)) {
                return cached.keys();
            }
        }
        JsonWebKeys keys = fetch(issuer);
        cache.put(issuer, new Cached(keys, now));
        return keys;
    }

    private JsonWebKeys fetch(String issuer)
    {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode configuration = getJson(fetchable(base + "/.well-known/openid-configuration"));
        JsonNode jwksUri = configuration.path("jwks_uri");
        if (!jwksUri.isTextual()) {
            throw retrievalFailed();
        }
        return JsonWebKeys.parse(getJson(fetchable(jwksUri.asText())));
    }

    /** Whether we may fetch {@code url}: https anywhere, http only on the loopback interface. */
    static boolean isFetchable(URI uri)
    {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        return scheme.equals("https") || (scheme.equals("http") && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)));
    }

    private static URI fetchable(String url)
    {
        try {
            URI uri = URI.create(url);
            if (!isFetchable(uri)) {
                throw retrievalFailed();
            }
            return uri;
        }
        catch (IllegalArgumentException e) {
            throw retrievalFailed();
        }
    }

    private JsonNode getJson(URI uri)
    {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw retrievalFailed();
                }
                byte[] bytes = body.readNBytes(MAXIMUM_BODY_BYTES + 1);
                if (bytes.length > MAXIMUM_BODY_BYTES) {
                    throw retrievalFailed();
                }
                JsonNode document = JSON.readTree(bytes);
                if (document == null || !document.isObject()) {
                    throw retrievalFailed();
                }
                return document;
            }
        }
        catch (IOException e) {
            throw retrievalFailed();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw retrievalFailed();
        }
    }

    private static AwsErrorException retrievalFailed()
    {
        return StsErrors.invalidIdentityToken(RETRIEVAL_FAILED);
    }
}
