package dev.lanyard.bench;

import dev.lanyard.protocol.WireRequest;
import dev.lanyard.server.RequestSigner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Form POSTs signed by the AWS SDK's own signer, as {@link WireRequest}s the way the server builds them. */
final class SignedRequests
{
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private SignedRequests() {}

    static WireRequest signedForm(String host, String accessKeyId, String secretAccessKey, String service, String form)
    {
        return signedForm(host, AwsBasicCredentials.create(accessKeyId, secretAccessKey), service, form);
    }

    /** Signed with temporary credentials: the session token travels in the signed X-Amz-Security-Token header. */
    static WireRequest signedForm(String host, AwsCredentialsIdentity credentials, String service, String form)
    {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = RequestSigner.signPost(URI.create("http://" + host + "/"), Map.of("Content-Type", FORM), body, credentials, service, "us-east-1");
        Map<String, List<String>> headers = new HashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name, new ArrayList<>(values)));
        headers.put("Host", List.of(host));
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        return new WireRequest("POST", "/", "", headers, body, "127.0.0.1", false);
    }

    /** A copy, so that per-request lazily parsed state is not reused across benchmark iterations. */
    static WireRequest copy(WireRequest request)
    {
        return new WireRequest(request.method(), request.path(), request.rawQuery(), request.headers(), request.body(), request.remoteAddress(), request.secure());
    }
}
