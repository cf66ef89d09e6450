package dev.lanyard.e2e;

import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Temporary credentials from GetSessionToken: they work, carry their principal, and any change to the token is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionCredentialsEndToEndTest
{
    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);

    @Test
    void rootSessionTokenIsCappedAtOneHourAndActsAsRoot()
    {
        Credentials credentials;
        try (StsClient sts = server.rootClient(StsClient.builder())) {
            credentials = sts.getSessionToken(request -> request.durationSeconds(7200)).credentials();
        }
        assertThat(credentials.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(Duration.between(Instant.now(), credentials.expiration())).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));
        try (StsClient session = server.sessionClient(StsClient.builder(), credentials)) {
            assertThat(session.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:root");
            assertThat(session.getAccessKeyInfo(request -> request.accessKeyId(credentials.accessKeyId())).account()).isEqualTo(TestServer.ACCOUNT_ID);
            SdkEndToEndTest.assertAwsError(() -> session.getSessionToken(), 403, "AccessDenied");
        }
    }

    @Test
    void alteredOrForeignTokensAreRefused()
    {
        Credentials credentials;
        try (StsClient sts = server.rootClient(StsClient.builder())) {
            credentials = sts.getSessionToken().credentials();
        }
        String token = credentials.sessionToken();
        char last = token.charAt(token.length() - 3);
        String altered = token.substring(0, token.length() - 3) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 2);
        try (StsClient session = server.sessionClient(StsClient.builder(), credentials.accessKeyId(), credentials.secretAccessKey(), altered)) {
            SdkEndToEndTest.assertAwsError(() -> session.getCallerIdentity(), 403, "InvalidClientTokenId");
        }
        // The token of one session does not lend its identity to another key id.
        Credentials other;
        try (StsClient sts = server.rootClient(StsClient.builder())) {
            other = sts.getSessionToken().credentials();
        }
        try (StsClient session = server.sessionClient(StsClient.builder(), other.accessKeyId(), other.secretAccessKey(), token)) {
            SdkEndToEndTest.assertAwsError(() -> session.getCallerIdentity(), 403, "InvalidClientTokenId");
        }
        // The right token with the wrong secret fails the signature.
        try (StsClient session = server.sessionClient(StsClient.builder(), credentials.accessKeyId(), other.secretAccessKey(), token)) {
            SdkEndToEndTest.assertAwsError(() -> session.getCallerIdentity(), 403, "SignatureDoesNotMatch");
        }
    }

    @Test
    void accessKeyInfoNamesTheAccountOfAnyKey()
    {
        try (StsClient sts = server.rootClient(StsClient.builder())) {
            assertThat(sts.getAccessKeyInfo(request -> request.accessKeyId("ASIAY34FZKBOKMUTVV7A")).account()).isEqualTo("609629065308");
        }
    }
}
