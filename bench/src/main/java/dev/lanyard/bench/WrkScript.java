package dev.lanyard.bench;

import dev.lanyard.server.RequestSigner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Prints a wrk Lua script that replays one request signed by the AWS SDK's own signer. A signature stays valid for
 * fifteen minutes, so wrk can send the same bytes again and again; the server verifies each one in full.
 *
 * <p>Arguments: endpoint, access key id, secret access key, signing service, form body, and optionally a session token
 * (temporary credentials: the token travels in the signed X-Amz-Security-Token header).
 */
public final class WrkScript
{
    private WrkScript() {}

    public static void main(String[] arguments)
    {
        if (arguments.length != 5 && arguments.length != 6) {
            System.err.println("usage: WrkScript ENDPOINT ACCESS_KEY_ID SECRET_ACCESS_KEY SERVICE FORM_BODY [SESSION_TOKEN]");
            System.exit(2);
        }
        URI endpoint = URI.create(arguments[0]);
        byte[] body = arguments[4].getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = RequestSigner.signPost(endpoint, Map.of("Content-Type", SignedRequests.FORM), body, credentials(arguments), arguments[3], "us-east-1");
        StringBuilder script = new StringBuilder();
        script.append("wrk.method = \"POST\"\n");
        script.append("wrk.body = \"").append(lua(arguments[4])).append("\"\n");
        signed.forEachHeader((name, values) -> {
            // wrk writes Host itself, from the URL, which is what was signed.
            if (!name.equalsIgnoreCase("host")) {
                script.append("wrk.headers[\"").append(lua(name)).append("\"] = \"").append(lua(values.get(0))).append("\"\n");
            }
        });
        System.out.print(script);
    }

    private static AwsCredentials credentials(String[] arguments)
    {
        if (arguments.length == 6) {
            return AwsSessionCredentials.create(arguments[1], arguments[2], arguments[5]);
        }
        return AwsBasicCredentials.create(arguments[1], arguments[2]);
    }

    private static String lua(String value)
    {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
