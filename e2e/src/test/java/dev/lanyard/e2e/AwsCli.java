package dev.lanyard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real AWS CLI as a test server's root, run in a temporary directory of its own: the seeds' commands name their
 * policy files relatively ({@code file://policy.json}), so a test writes them there.
 */
final class AwsCli
        implements AutoCloseable
{
    private final TestServer server;
    private final Path workingDirectory;
    private final Path credentialsFile;

    private AwsCli(TestServer server, Path workingDirectory)
    {
        this.server = server;
        this.workingDirectory = workingDirectory;
        this.credentialsFile = Processes.writeCredentials(workingDirectory.resolve("credentials"), TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET_ACCESS_KEY);
    }

    static AwsCli asRoot(TestServer server)
    {
        try {
            return new AwsCli(server, Files.createTempDirectory("lanyard-aws-cli-"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path workingDirectory()
    {
        return workingDirectory;
    }

    Processes.Result run(String... arguments)
    {
        // The server's endpoint is read per run: a restart moves it to a new port.
        return Processes.aws(server.endpoint(), credentialsFile, workingDirectory, arguments);
    }

    @Override
    public void close()
    {
        TestServer.deleteRecursively(workingDirectory);
    }
}
