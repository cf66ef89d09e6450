package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.WireRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Signs requests with the AWS SDK's own signer (an implementation independent of ours) and hands them over as the
 * server would see them.
 */
record SdkSigner(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String region, Instant signingTime)
{
    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant SIGNING_TIME = Instant.parse("2026-11-23T12:00:00Z");

    SdkSigner
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(region, "region is null");
        requireNonNull(signingTime, "signingTime is null");
    }

    static SdkSigner standard()
    {
        return new SdkSigner(ACCESS_KEY_ID, SECRET_ACCESS_KEY, Optional.empty(), "us-east-1", SIGNING_TIME);
    }

    SdkSigner withSessionToken(String token)
    {
        return new SdkSigner(accessKeyId, secretAccessKey, Optional.of(token), region, signingTime);
    }

    /** Signed in the Authorization header. */
    WireRequest sign(String signingName, String method, String uri, Map<String, String> headers, byte[] body)
    {
        return toWire(signWithSdk(signingName, method, uri, headers, body, Optional.empty()), body);
    }

    /** Presigned: the signature in the query string, valid for {@code expiry}. */
    WireRequest presign(String signingName, String method, String uri, Map<String, String> headers, byte[] body, Duration expiry)
    {
        return toWire(signWithSdk(signingName, method, uri, headers, body, Optional.of(expiry)), body);
    }

    private SdkHttpRequest signWithSdk(String signingName, String method, String uri, Map<String, String> headers, byte[] body, Optional<Duration> expiry)
    {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(uri));
        headers.forEach(builder::putHeader);
        AwsCredentialsIdentity identity = sessionToken
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, token))
                .orElseGet(() -> AwsCredentialsIdentity.create(accessKeyId, secretAccessKey));
        AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        return signer.sign(request -> {
            request.identity(identity)
                    .request(builder.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC));
            expiry.ifPresent(duration -> request
                    .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, duration));
        }).request();
    }

    private static WireRequest toWire(SdkHttpRequest signed, byte[] body)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            // What an HTTP client sends: the host, with the port when it is not the scheme's default.
            String host = signed.host() + (signed.port() == (signed.protocol().equals("https") ? 443 : 80) ? "" : ":" + signed.port());
            headers.put("Host", List.of(host));
        }
        String path = signed.encodedPath().isEmpty() ? "/" : signed.encodedPath();
        String rawQuery = signed.encodedQueryParameters().orElse("");
        return new WireRequest(signed.method().name(), path, rawQuery, headers, body, "127.0.0.1", true);
    }
}
