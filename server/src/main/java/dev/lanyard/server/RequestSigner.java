package dev.lanyard.server;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Map;

/**
 * Signs a POST the way an AWS SDK does, with the SDK's own signer: for Lanyard's client commands (accounts create),
 * and for benchmarks and tests that need signed requests no SDK client would send.
 */
public final class RequestSigner
{
    private RequestSigner() {}

    /** Signs a POST whose headers (Content-Type among them) are all signed, as the SDKs sign theirs. */
    public static SdkHttpRequest signPost(URI target, Map<String, String> headers, byte[] body, AwsCredentialsIdentity credentials, String service, String region)
    {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(target);
        headers.forEach(builder::putHeader);
        SdkHttpFullRequest unsigned = builder.build();
        return AwsV4HttpSigner.create().sign(signing -> signing
                        .identity(credentials)
                        .request(unsigned)
                        .payload(() -> new ByteArrayInputStream(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request();
    }
}
