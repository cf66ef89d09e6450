package dev.lanyard.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** `lanyard accounts create`: asks a running server, as the default account's root, for another account. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Manage accounts of a running server.", subcommands = AccountsCommand.Create.class)
final class AccountsCommand
        implements Runnable
{
    @Override
    public void run()
    {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account and print its root key as JSON. Signs with the default account root's key from the usual AWS environment variables or credentials file.")
    static final class Create
            implements Callable<Integer>
    {
        @Option(names = "--account-id", required = true, description = "Twelve digits.")
        private String accountId;

        @Option(names = "--endpoint", description = "The server (default: $AWS_ENDPOINT_URL or http://127.0.0.1:4747).")
        private String endpoint;

        @Option(names = "--region", defaultValue = "us-east-1", description = "Region of the signature (default: ${DEFAULT-VALUE}).")
        private String region;

        @Override
        public Integer call()
                throws IOException, InterruptedException
        {
            URI target = URI.create(endpointOrDefault()).resolve(AdminApi.ACCOUNTS_PATH);
            byte[] body = ("{\"AccountId\":\"" + accountId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
            AwsCredentials credentials;
            try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
                credentials = provider.resolveCredentials();
            }
            // Admin requests are signed as STS requests (see AdminApi).
            SdkHttpRequest signedRequest = RequestSigner.signPost(target, Map.of("Content-Type", "application/json"), body, credentials, "sts", region);
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signedRequest.forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    System.err.println("lanyard: " + response.statusCode() + " " + response.body());
                    return 1;
                }
                System.out.println(response.body());
                return 0;
            }
        }

        private String endpointOrDefault()
        {
            if (endpoint != null) {
                return endpoint;
            }
            String fromEnvironment = System.getenv("AWS_ENDPOINT_URL");
            return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "http://127.0.0.1:4747";
        }

    }
}
