package dev.lanyard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real AWS CLI, Python (boto3) and the launcher as child processes. */
final class Processes
{
    private Processes() {}

    record Result(int exitCode, String stdout, String stderr)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** A clean AWS environment: no ambient credentials or profiles, no instance metadata lookups. */
    static Map<String, String> awsEnvironment(Path credentialsFile)
    {
        return Map.of(
                "AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString(),
                "AWS_CONFIG_FILE", "/dev/null",
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_PAGER", "");
    }

    /** Writes a shared credentials file whose default profile is the key given. */
    static Path writeCredentials(Path file, String accessKeyId, String secretAccessKey)
    {
        try {
            return Files.writeString(file, "[default]\naws_access_key_id = " + accessKeyId + "\naws_secret_access_key = " + secretAccessKey + "\n");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AWS CLI against the endpoint, in JSON; a null working directory is this process's. */
    static Result aws(URI endpoint, Path credentialsFile, Path workingDirectory, String... arguments)
    {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        return run(command, awsEnvironment(credentialsFile), workingDirectory);
    }

    static Result run(List<String> command, Map<String, String> environment, Path workingDirectory)
    {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("LANYARD_"));
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + command);
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(java.io.InputStream input)
    {
        try {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaExecutable()
    {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
