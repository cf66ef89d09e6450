package dev.lanyard.server;

import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The request pipeline's answers to requests no SDK would send: unknown actions, unsigned, unroutable, malformed, oversized. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsApiTest
{
    private static final String ACCOUNT_ID = "123456789012";
    private static final String ACCESS_KEY_ID = "AKIAPIPELINETEST0001";
    private static final String SECRET = "pipelineTestSecretAccessKey0000000000000";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private Path dataDirectory;
    private LanyardServer server;

    @BeforeAll
    void start()
            throws IOException
    {
        dataDirectory = Files.createTempDirectory("lanyard-pipeline-");
        server = LanyardServer.start(new ServerConfig("127.0.0.1", 0, dataDirectory, ACCOUNT_ID, "us-east-1", AuthMode.STRICT,
                Optional.of(new RootCredentials(ACCOUNT_ID, ACCESS_KEY_ID, SECRET))), Map.of(), Clock.systemUTC());
    }

    @AfterAll
    void stop()
    {
        server.close();
    }

    private WireRequest signed(String service, String contentType, String body, Map<String, String> extraHeaders)
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = RequestSigner.signPost(URI.create("http://127.0.0.1:" + server.port() + "/"), signedHeaders(contentType, extraHeaders), bytes, AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET), service, "us-east-1");
        Map<String, List<String>> headers = new HashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name, new ArrayList<>(values)));
        return new WireRequest("POST", "/", "", headers, bytes, "127.0.0.1", false);
    }

    private static Map<String, String> signedHeaders(String contentType, Map<String, String> extraHeaders)
    {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        return headers;
    }

    private static WireRequest unsigned(String contentType, String body, Map<String, String> extraHeaders)
    {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of(contentType));
        extraHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        return new WireRequest("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", false);
    }

    private static String text(WireResponse response)
    {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void unknownQueryActionIsInvalidAction()
    {
        WireResponse response = server.api().handle(signed("iam", FORM, "Action=BecomeAdministrator&Version=2010-05-08", Map.of()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("<Code>InvalidAction</Code>", "<Message>Could not find operation BecomeAdministrator for version 2010-05-08</Message>", "<RequestId>");
        assertThat(response.headers()).containsKey("x-amzn-RequestId");
    }

    @Test
    void unknownEc2ActionUsesEc2Envelope()
    {
        WireResponse response = server.api().handle(signed("ec2", FORM, "Action=MineBitcoin&Version=2016-11-15", Map.of()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("<Response><Errors><Error><Code>InvalidAction</Code>", "<RequestID>");
    }

    @Test
    void unknownJsonTargetIsUnknownOperation()
    {
        WireResponse response = server.api().handle(signed("elasticmapreduce", "application/x-amz-json-1.1", "{}", Map.of("X-Amz-Target", "ElasticMapReduce.Explode")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void unsignedRequestsAreRefusedInEachServicesFormat()
    {
        WireResponse iam = server.api().handle(unsigned(FORM, "Action=ListRoles&Version=2010-05-08", Map.of()));
        assertThat(iam.status()).isEqualTo(403);
        assertThat(text(iam)).contains("<ErrorResponse", "<Code>MissingAuthenticationToken</Code>");

        WireResponse ec2 = server.api().handle(unsigned(FORM, "Action=DescribeInstances&Version=2016-11-15", Map.of()));
        assertThat(text(ec2)).contains("<Response><Errors><Error><Code>MissingAuthenticationToken</Code>");

        WireResponse emr = server.api().handle(unsigned("application/x-amz-json-1.1", "{}", Map.of("X-Amz-Target", "ElasticMapReduce.ListClusters")));
        assertThat(text(emr)).contains("\"__type\":\"MissingAuthenticationTokenException\"");

        WireResponse nothing = server.api().handle(unsigned(FORM, "", Map.of()));
        assertThat(nothing.status()).isEqualTo(403);
        assertThat(text(nothing)).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void signedButUnroutableIsInvalidAction()
    {
        WireResponse response = server.api().handle(signed("s3", FORM, "Action=ListBuckets", Map.of()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("<Code>InvalidAction</Code>");
    }

    @Test
    void malformedValuesAreValidationErrorsNotFailures()
    {
        WireResponse badInteger = server.api().handle(signed("iam", FORM, "Action=ListRoles&Version=2010-05-08&MaxItems=many", Map.of()));
        assertThat(badInteger.status()).isEqualTo(400);
        assertThat(text(badInteger)).contains("<Code>ValidationError</Code>");

        WireResponse outOfRange = server.api().handle(signed("iam", FORM, "Action=ListRoles&Version=2010-05-08&MaxItems=0", Map.of()));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(text(outOfRange)).contains("<Code>ValidationError</Code>", "Member must have value greater than or equal to 1");

        WireResponse badJson = server.api().handle(signed("elasticmapreduce", "application/x-amz-json-1.1", "{not json", Map.of("X-Amz-Target", "ElasticMapReduce.ListClusters")));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(text(badJson)).contains("SerializationException");
    }

    @Test
    void missingRequiredParameterIsValidationError()
    {
        WireResponse response = server.api().handle(signed("iam", FORM, "Action=GetRole&Version=2010-05-08", Map.of()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("<Code>ValidationError</Code>", "Value null at 'roleName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void oversizedBodyIsRefusedOverHttp()
            throws IOException, InterruptedException
    {
        byte[] body = new byte[HttpEntryPoint.MAXIMUM_BODY_BYTES + 1];
        java.util.Arrays.fill(body, (byte) 'a');
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.endpoint().resolve("/?Action=ListRoles&Version=2010-05-08"))
                    .header("Content-Type", FORM)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("<Code>RequestEntityTooLarge</Code>");
        }
    }
}
