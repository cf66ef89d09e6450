package dev.lanyard.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest
{
    @TempDir
    Path dataDirectory;

    @Test
    void createdOnFirstUseWithOwnerOnlyMode()
            throws IOException
    {
        MasterKey created = MasterKey.load(dataDirectory, Map.of());
        Path file = dataDirectory.resolve(MasterKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(created.bytes()).hasSize(32);

        MasterKey loaded = MasterKey.load(dataDirectory, Map.of());
        assertThat(loaded).isEqualTo(created);
        assertThat(loaded.source()).isEqualTo(file.toString());
    }

    @Test
    void createsMissingDataDirectory()
    {
        Path nested = dataDirectory.resolve("a/b");
        MasterKey.load(nested, Map.of());
        assertThat(nested.resolve(MasterKey.FILE_NAME)).exists();
    }

    @Test
    void environmentWins()
    {
        MasterKey fromFile = MasterKey.load(dataDirectory, Map.of());
        byte[] key = new byte[32];
        key[0] = 7;
        MasterKey fromEnvironment = MasterKey.load(dataDirectory, Map.of(MasterKey.ENVIRONMENT_VARIABLE, Base64.getEncoder().encodeToString(key) + "\n"));
        assertThat(fromEnvironment.bytes()).isEqualTo(key);
        assertThat(fromEnvironment).isNotEqualTo(fromFile);
        assertThat(fromEnvironment.source()).contains(MasterKey.ENVIRONMENT_VARIABLE);
    }

    @Test
    void environmentDoesNotCreateFile()
    {
        MasterKey.load(dataDirectory, Map.of(MasterKey.ENVIRONMENT_VARIABLE, Base64.getEncoder().encodeToString(new byte[32])));
        assertThat(dataDirectory.resolve(MasterKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void badEnvironmentIsRefused()
    {
        assertThatThrownBy(() -> MasterKey.load(dataDirectory, Map.of(MasterKey.ENVIRONMENT_VARIABLE, Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("16 bytes")
                .hasMessageContaining(MasterKey.ENVIRONMENT_VARIABLE);
        assertThatThrownBy(() -> MasterKey.load(dataDirectory, Map.of(MasterKey.ENVIRONMENT_VARIABLE, "not base64!")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not valid base64");
    }

    @Test
    void fileWithWrongLengthIsRefused()
            throws IOException
    {
        Path file = dataDirectory.resolve(MasterKey.FILE_NAME);
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[31]));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> MasterKey.load(dataDirectory, Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("31 bytes");
        // refused, not replaced: replacing would orphan every secret encrypted under the lost key
        assertThat(Files.readString(file)).isEqualTo(Base64.getEncoder().encodeToString(new byte[31]));
    }

    @Test
    void fileReadableByOthersIsRefused()
            throws IOException
    {
        MasterKey.load(dataDirectory, Map.of());
        Path file = dataDirectory.resolve(MasterKey.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKey.load(dataDirectory, Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void toStringHidesKey()
    {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0x41);
        MasterKey masterKey = MasterKey.of(key);
        assertThat(masterKey.toString())
                .doesNotContain(Base64.getEncoder().encodeToString(key))
                .doesNotContain("AAAA")
                .contains("redacted");
    }

    @Test
    void bytesAreACopy()
    {
        MasterKey masterKey = MasterKey.random();
        byte[] bytes = masterKey.bytes();
        bytes[0] ^= 1;
        assertThat(masterKey.bytes()).isNotEqualTo(bytes);
    }
}
