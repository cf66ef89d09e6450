package dev.lanyard.server;

import dev.lanyard.services.auth.AuthMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** `lanyard serve`: one endpoint for every service, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server: IAM, STS, EC2, Auto Scaling and EMR on one endpoint.")
final class ServeCommand
        implements Callable<Integer>
{
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    private static volatile boolean serving;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "4747", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--data-dir", defaultValue = "./lanyard-data", description = "Where all state lives (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--account-id", defaultValue = "123456789012", description = "The default account, created on first start (default: ${DEFAULT-VALUE}).")
    private String accountId;

    @Option(names = "--region", defaultValue = "us-east-1", description = "Region of requests that name none (default: ${DEFAULT-VALUE}).")
    private String region;

    @Option(names = "--auth", defaultValue = "strict", description = "strict: every request signed by a known key; lenient: unknown keys act as the default root (mock-style test suites).")
    private String auth;

    static boolean isServing()
    {
        return serving;
    }

    @Override
    public Integer call()
            throws InterruptedException
    {
        AuthMode authMode = switch (auth.toLowerCase(Locale.ROOT)) {
            case "strict" -> AuthMode.STRICT;
            case "lenient" -> AuthMode.LENIENT;
            default -> throw new IllegalArgumentException("--auth must be strict or lenient: " + auth);
        };
        ServerConfig config = new ServerConfig(host, port, dataDirectory, accountId, region, authMode,
                ServerConfig.fixedRootKeyFromEnvironment(accountId, System.getenv()));
        LanyardServer server = LanyardServer.start(config, System.getenv(), Clock.systemUTC());
        serving = true;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "lanyard-shutdown"));
        if (authMode == AuthMode.LENIENT) {
            log.warn("--auth lenient: requests signed with an UNKNOWN access key act as the root of account {} WITHOUT a signature check. For test suites only; never expose this server.", accountId);
        }
        long startupMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("Lanyard listening on " + server.endpoint() + " (account " + accountId + ", region " + region + ", data " + dataDirectory.toAbsolutePath().normalize()
                + ", credentials " + dataDirectory.resolve("credentials") + ", started in " + startupMillis + " ms)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
