package dev.lanyard.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The 256-bit key that encrypts secrets at rest. It lives apart from the database, so a copied database file or
 * backup alone does not reveal secrets: in the environment variable {@value #ENVIRONMENT_VARIABLE} (base64 of 32
 * bytes), which wins, or else in {@code <data-dir>/master.key}, created on first use with mode 0600.
 * {@code toString} never shows the key.
 */
public final class MasterKey
{
    public static final String ENVIRONMENT_VARIABLE = "LANYARD_MASTER_KEY";
    public static final String FILE_NAME = "master.key";
    public static final int LENGTH_BYTES = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String source;

    private MasterKey(byte[] key, String source)
    {
        requireNonNull(key, "key is null");
        requireNonNull(source, "source is null");
        if (key.length != LENGTH_BYTES) {
            throw new StoreException("master key from " + source + " has " + key.length + " bytes, expected " + LENGTH_BYTES);
        }
        this.key = key.clone();
        this.source = source;
    }

    public static MasterKey of(byte[] key)
    {
        return new MasterKey(key, "memory");
    }

    /** A fresh random key, for tests and throwaway servers. */
    public static MasterKey random()
    {
        byte[] key = new byte[LENGTH_BYTES];
        RANDOM.nextBytes(key);
        return new MasterKey(key, "random");
    }

    /** The key from the process environment or the data directory; see the class comment. */
    public static MasterKey load(Path dataDirectory)
    {
        return load(dataDirectory, System.getenv());
    }

    /** Like {@link #load(Path)} with an explicit environment, so the precedence can be tested without changing the process. */
    public static MasterKey load(Path dataDirectory, Map<String, String> environment)
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(environment, "environment is null");
        String encoded = environment.get(ENVIRONMENT_VARIABLE);
        if (encoded != null) {
            return new MasterKey(decode(encoded.strip(), "environment variable " + ENVIRONMENT_VARIABLE), "environment variable " + ENVIRONMENT_VARIABLE);
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
            if (!Files.exists(file)) {
                try {
                    return create(file);
                }
                catch (FileAlreadyExistsException e) {
                    // another process created it between our check and our create: use theirs
                }
            }
            return read(file);
        }
        catch (IOException e) {
            throw new StoreException("cannot load master key from " + file + ": " + e.getMessage(), e);
        }
    }

    private static MasterKey create(Path file)
            throws IOException
    {
        byte[] key = new byte[LENGTH_BYTES];
        RANDOM.nextBytes(key);
        byte[] content = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        // CREATE_NEW with the permission attribute sets mode 0600 in the open(2) call itself: there is no moment in which
        // the file exists with the default (often world-readable) mode
        FileAttribute<?>[] attributes = isPosix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // losing the key loses every secret: it must be on disk before anything is encrypted with it
            channel.force(true);
        }
        return new MasterKey(key, file.toString());
    }

    private static MasterKey read(Path file)
            throws IOException
    {
        if (isPosix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(permission -> !OWNER_ONLY.contains(permission))) {
                throw new StoreException("master key file " + file + " has mode " + PosixFilePermissions.toString(permissions) +
                        "; it must be readable by its owner only: chmod 600 " + file);
            }
        }
        String encoded = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return new MasterKey(decode(encoded, "file " + file), file.toString());
    }

    private static byte[] decode(String encoded, String source)
    {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        }
        catch (IllegalArgumentException e) {
            throw new StoreException("master key in " + source + " is not valid base64; expected base64 of " + LENGTH_BYTES + " random bytes (for example: openssl rand -base64 32)");
        }
        if (key.length != LENGTH_BYTES) {
            throw new StoreException("master key in " + source + " decodes to " + key.length + " bytes; expected base64 of " + LENGTH_BYTES +
                    " random bytes (for example: openssl rand -base64 32). Refusing to start rather than guess.");
        }
        return key;
    }

    private static boolean isPosix(Path path)
    {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A copy of the key bytes. */
    public byte[] bytes()
    {
        return key.clone();
    }

    /** Where the key came from (environment variable, file path, memory), for the startup log. */
    public String source()
    {
        return source;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof MasterKey that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString()
    {
        return "MasterKey[source=" + source + ", key=<redacted>]";
    }
}
