package dev.lanyard.bench;

import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The account the benchmarks sign as: a fixed root key, so that a request can be signed before the server starts. */
final class BenchmarkAccount
{
    static final String ACCOUNT_ID = "123456789012";
    static final String ROOT_ACCESS_KEY_ID = "AKIABENCHROOTKEY0001";
    static final String ROOT_SECRET_ACCESS_KEY = "benchRootSecretAccessKey000000000000000";

    private BenchmarkAccount() {}

    /** A server in this JVM on a random port and a new data directory, in strict mode, whose root has the key above. */
    static LanyardServer startServer(String dataDirectoryPrefix)
            throws IOException
    {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, Files.createTempDirectory(dataDirectoryPrefix), ACCOUNT_ID, "us-east-1", AuthMode.STRICT,
                Optional.of(new RootCredentials(ACCOUNT_ID, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)));
        return LanyardServer.start(config, Map.of(), Clock.systemUTC());
    }
}
