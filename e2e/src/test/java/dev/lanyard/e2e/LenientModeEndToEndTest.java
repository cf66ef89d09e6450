package dev.lanyard.e2e;

import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Mock-style suites: any unknown key is the default root; known keys are still checked; reset is open. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LenientModeEndToEndTest
{
    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.LENIENT);

    @Test
    void unknownKeyActsAsDefaultRoot()
    {
        try (StsClient sts = server.client(StsClient.builder(), "testing", "testing")) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:root");
        }
    }

    @Test
    void knownKeyWithWrongSecretIsStillRefused()
    {
        try (StsClient sts = server.client(StsClient.builder(), TestServer.ROOT_ACCESS_KEY_ID, "wrong")) {
            SdkEndToEndTest.assertAwsError(() -> sts.getCallerIdentity(), 403, "SignatureDoesNotMatch");
        }
    }

    @Test
    void unsignedResetAnswersAtBothPaths()
            throws IOException, InterruptedException
    {
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (String path : new String[] {"/moto-api/reset", "/_lanyard/reset"}) {
                HttpResponse<String> reset = client.send(HttpRequest.newBuilder(server.endpoint().resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(reset.statusCode()).as(path).isEqualTo(200);
            }
        }
        // The bootstrap is back: the fixed root key still works after the wipe.
        try (StsClient sts = server.rootClient(StsClient.builder())) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo(TestServer.ACCOUNT_ID);
        }
    }
}
