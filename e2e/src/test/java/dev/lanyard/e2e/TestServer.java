package dev.lanyard.e2e;

import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccountService;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;
import dev.lanyard.store.Store;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Lanyard started in-process on a random port with its own data directory; one per test class, as the classes run in
 * parallel, held in an {@code @AutoClose} field of a {@code PER_CLASS} test instance.
 */
public final class TestServer
        implements AutoCloseable
{
    public static final String ACCOUNT_ID = "123456789012";
    public static final String ROOT_ACCESS_KEY_ID = "AKIAE2ETESTROOTKEY01";
    public static final String ROOT_SECRET_ACCESS_KEY = "e2eTestRootSecretAccessKey0123456789abcd";

    private final Path dataDirectory;
    private final AuthMode authMode;
    private LanyardServer server;

    private TestServer(Path dataDirectory, AuthMode authMode)
    {
        this.dataDirectory = dataDirectory;
        this.authMode = authMode;
        this.server = startServer();
    }

    public static TestServer start(AuthMode authMode)
    {
        try {
            return new TestServer(Files.createTempDirectory("lanyard-e2e-"), authMode);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LanyardServer startServer()
    {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDirectory, ACCOUNT_ID, "us-east-1", authMode,
                Optional.of(new RootCredentials(ACCOUNT_ID, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)));
        return LanyardServer.start(config, Map.of(), Clock.systemUTC());
    }

    /** Stops and starts again on the same data directory (and a new port). */
    public void restart()
    {
        server.close();
        server = startServer();
    }

    public URI endpoint()
    {
        return server.endpoint();
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /** The running server's store, for setting up what no implemented operation can create yet. */
    public Store store()
    {
        return server.store();
    }

    /** Another account, made as {@code lanyard accounts create} makes one; the answer holds its root's key. */
    public RootCredentials createAccount(String accountId)
    {
        return new AccountService(store(), Clock.systemUTC(), new AccessKeyGenerator()).createAccount(accountId);
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String accessKeyId, String secretAccessKey)
    {
        return client(builder, AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C rootClient(B builder)
    {
        return client(builder, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY);
    }

    /** A client signing with temporary credentials; the parts are separate so that a test can alter one of them. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C sessionClient(B builder, String accessKeyId, String secretAccessKey, String sessionToken)
    {
        return client(builder, AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C sessionClient(B builder, Credentials credentials)
    {
        return sessionClient(builder, credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, AwsCredentials credentials)
    {
        builder.httpClient(UrlConnectionHttpClient.create());
        return builder.endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
    }

    @Override
    public void close()
    {
        try {
            server.close();
        }
        finally {
            deleteRecursively(dataDirectory);
        }
    }

    static void deleteRecursively(Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }
}
