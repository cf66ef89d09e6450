package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as a user runs it: the packaged jar in its own process with a random root key written to the credentials file,
 * driven by the real AWS CLI and boto3 through that file; another account made with `accounts create`; a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherEndToEndTest
{
    private static final Pattern LISTENING = Pattern.compile("Lanyard listening on (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dataDirectory;
    private Process server;
    private URI endpoint;

    @BeforeAll
    void start()
            throws IOException
    {
        dataDirectory = Files.createTempDirectory("lanyard-launcher-");
        startServer();
    }

    @AfterAll
    void stop()
    {
        stopServer();
        TestServer.deleteRecursively(dataDirectory);
    }

    private static Path serverJar()
    {
        Path jar = Path.of("..", "server", "target", "lanyard-server.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the server module is packaged before the e2e tests run").exists();
        return jar;
    }

    private void startServer()
            throws IOException
    {
        ProcessBuilder builder = new ProcessBuilder(Processes.javaExecutable(), "-jar", serverJar().toString(), "serve", "--port", "0", "--data-dir", dataDirectory.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("LANYARD_"));
        builder.redirectErrorStream(true);
        server = builder.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = output.readLine()) != null) {
            seen.add(line);
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                endpoint = URI.create(matcher.group(1));
                Thread.ofVirtual().start(() -> Processes.read(server.getInputStream()));
                return;
            }
        }
        throw new IllegalStateException("The server exited before listening: " + seen);
    }

    private void stopServer()
    {
        server.destroy();
        try {
            server.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Processes.Result aws(Path credentialsFile, String... arguments)
    {
        return Processes.aws(endpoint, credentialsFile, null, arguments);
    }

    @Test
    void credentialsFileIsPrivateAndDrivesTheCli()
            throws IOException
    {
        Path credentials = dataDirectory.resolve("credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory.resolve("master.key")))).isEqualTo("rw-------");

        Processes.Result identity = aws(credentials, "sts", "get-caller-identity");
        assertThat(identity.exitCode()).as(identity.toString()).isZero();
        JsonNode body = JSON.readTree(identity.stdout());
        assertThat(body.get("Arn").asText()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(body.get("Account").asText()).isEqualTo("123456789012");
        assertThat(body.get("UserId").asText()).isEqualTo("123456789012");
    }

    @Test
    void wrongSecretIsRefusedByTheCli()
            throws IOException
    {
        String original = Files.readString(dataDirectory.resolve("credentials"));
        Path forged = Files.createTempFile("forged-credentials", "");
        Files.writeString(forged, original.replaceAll("aws_secret_access_key = .*", "aws_secret_access_key = forgedSecretKey0000000000000000000000000"));
        Processes.Result result = aws(forged, "sts", "get-caller-identity");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("SignatureDoesNotMatch");
        Files.delete(forged);
    }

    @Test
    void boto3ReadsTheRootIdentity()
    {
        String script = "import boto3,json,sys\n"
                + "sts = boto3.client('sts', endpoint_url=sys.argv[1])\n"
                + "print(json.dumps(sts.get_caller_identity()['Arn']))\n"
                + "iam = boto3.client('iam', endpoint_url=sys.argv[1])\n"
                + "print(json.dumps(iam.list_roles()['Roles']))\n";
        Processes.Result result = Processes.run(List.of("python3", "-c", script, endpoint.toString()), Processes.awsEnvironment(dataDirectory.resolve("credentials")), null);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().toList()).containsExactly("\"arn:aws:iam::123456789012:root\"", "[]");
    }

    @Test
    void secondAccountGetsItsOwnIdentityAndSurvivesRestart()
            throws IOException, InterruptedException
    {
        Processes.Result created = Processes.run(
                List.of(Processes.javaExecutable(), "-jar", serverJar().toString(), "accounts", "create", "--account-id", "210987654321", "--endpoint", endpoint.toString()),
                Processes.awsEnvironment(dataDirectory.resolve("credentials")), null);
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode account = JSON.readTree(created.stdout());
        assertThat(account.get("AccountId").asText()).isEqualTo("210987654321");
        assertThat(account.get("AccessKeyId").asText()).matches("AKIA[A-Z2-7]{16}");
        assertThat(account.get("SecretAccessKey").asText()).hasSize(40);

        Path secondCredentials = Files.createTempFile("second-account", "");
        Files.writeString(secondCredentials, "[default]\naws_access_key_id = " + account.get("AccessKeyId").asText()
                + "\naws_secret_access_key = " + account.get("SecretAccessKey").asText() + "\n");
        assertThat(JSON.readTree(aws(secondCredentials, "sts", "get-caller-identity").stdout()).get("Arn").asText())
                .isEqualTo("arn:aws:iam::210987654321:root");

        Processes.Result again = Processes.run(
                List.of(Processes.javaExecutable(), "-jar", serverJar().toString(), "accounts", "create", "--account-id", "210987654321", "--endpoint", endpoint.toString()),
                Processes.awsEnvironment(dataDirectory.resolve("credentials")), null);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("EntityAlreadyExists");

        Processes.Result notRoot = Processes.run(
                List.of(Processes.javaExecutable(), "-jar", serverJar().toString(), "accounts", "create", "--account-id", "333333333333", "--endpoint", endpoint.toString()),
                Processes.awsEnvironment(secondCredentials), null);
        assertThat(notRoot.exitCode()).isNotZero();
        assertThat(notRoot.stderr()).contains("AccessDenied");

        stopServer();
        startServer();
        Processes.Result afterRestart = aws(secondCredentials, "sts", "get-caller-identity");
        assertThat(afterRestart.exitCode()).as(afterRestart.toString()).isZero();
        assertThat(JSON.readTree(afterRestart.stdout()).get("Arn").asText()).isEqualTo("arn:aws:iam::210987654321:root");
        assertThat(JSON.readTree(aws(dataDirectory.resolve("credentials"), "sts", "get-caller-identity").stdout()).get("Arn").asText())
                .isEqualTo("arn:aws:iam::123456789012:root");
        Files.delete(secondCredentials);
    }

    @Test
    void healthAnswersJson()
            throws IOException, InterruptedException
    {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(endpoint.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ready");
            // Strict mode: an unsigned reset is refused.
            HttpResponse<String> reset = client.send(HttpRequest.newBuilder(endpoint.resolve("/_lanyard/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(reset.body()).get("__type").asText()).isEqualTo("MissingAuthenticationToken");
        }
    }
}
