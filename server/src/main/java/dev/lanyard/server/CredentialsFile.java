package dev.lanyard.server;

import dev.lanyard.services.accounts.RootCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the default root key as an AWS shared-credentials file, readable by its owner only. */
final class CredentialsFile
{
    private CredentialsFile() {}

    static Path write(Path dataDirectory, RootCredentials root, String region)
    {
        Path target = dataDirectory.resolve("credentials");
        String content = "[default]\n"
                + "aws_access_key_id = " + root.accessKeyId() + "\n"
                + "aws_secret_access_key = " + root.secretAccessKey() + "\n"
                + "region = " + region + "\n";
        try {
            // Created 0600 before the secret is written, then moved into place, so the secret is never readable by others.
            Path temporary = Files.createTempFile(dataDirectory, ".credentials", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }
}
