package dev.lanyard.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Prints a wrk Lua script that replays one request signed by the AWS SDK's own signer. A signature stays valid for
 * fifteen minutes, so wrk can send the same bytes again and again; the server verifies each one in full.
 *
 * <p>Arguments: endpoint, access key id, secret access key, signing service, form body.
 */
public final class WrkScript
{
    private WrkScript() {}

    public static void main(String[] arguments)
    {
        if (arguments.length != 5) {
            System.err.println("usage: WrkScript ENDPOINT ACCESS_KEY_ID SECRET_ACCESS_KEY SERVICE FORM_BODY");
            System.exit(2);
        }
        URI endpoint = URI.create(arguments[0]);
        byte[] body = arguments[4].getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(request -> request
                .identity(AwsBasicCredentials.create(arguments[1], arguments[2]))
                .request(unsigned)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, arguments[3])
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        StringBuilder script = new StringBuilder();
        script.append("wrk.method = \"POST\"\n");
        script.append("wrk.body = \"").append(lua(arguments[4])).append("\"\n");
        signed.request().forEachHeader((name, values) -> {
            // wrk writes Host itself, from the URL, which is what was signed.
            if (!name.equalsIgnoreCase("host")) {
                script.append("wrk.headers[\"").append(lua(name)).append("\"] = \"").append(lua(values.get(0))).append("\"\n");
            }
        });
        System.out.print(script);
    }

    private static String lua(String value)
    {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
