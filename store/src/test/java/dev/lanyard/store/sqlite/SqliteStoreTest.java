package dev.lanyard.store.sqlite;

import dev.lanyard.store.AccessKey;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.StoreAcceptanceTest;
import dev.lanyard.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreTest
        extends StoreAcceptanceTest
{
    @TempDir
    Path dataDirectory;

    private final SecretCipher cipher = new SecretCipher(MasterKey.random());

    @Override
    protected Store createStore()
    {
        return SqliteStore.open(dataDirectory, cipher, 2);
    }

    @Override
    protected Store reopenStore()
    {
        return SqliteStore.open(dataDirectory, cipher, 2);
    }

    @Override
    protected List<Path> storageFiles()
    {
        Path database = dataDirectory.resolve(SqliteStore.DATABASE_FILE_NAME);
        return List.of(database, Path.of(database + "-wal"));
    }

    private Connection rawConnection()
            throws SQLException
    {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve(SqliteStore.DATABASE_FILE_NAME));
    }

    private List<String> queryPlan(String sql)
            throws SQLException
    {
        List<String> plan = new ArrayList<>();
        try (Connection connection = rawConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rows.next()) {
                plan.add(rows.getString("detail"));
            }
        }
        return plan;
    }

    @Test
    void pagingWalksTheNameIndexWithoutSorting()
            throws SQLException
    {
        for (String sql : List.of(
                "SELECT * FROM entities WHERE account_id = 'a' AND kind = 'role' ORDER BY name COLLATE NOCASE LIMIT 100",
                "SELECT * FROM entities WHERE account_id = 'a' AND kind = 'role' AND name > 'm' COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT 100",
                "SELECT * FROM entities WHERE account_id = 'a' AND kind = 'role' AND name > 'm' COLLATE NOCASE AND substr(path, 1, 3) = '/a/' ORDER BY name COLLATE NOCASE LIMIT 100",
                "SELECT * FROM entities WHERE account_id = 'a' AND kind = 'role' AND name = 'M' COLLATE NOCASE")) {
            List<String> plan = queryPlan(sql);
            assertThat(plan).as(sql).anyMatch(step -> step.contains("USING INDEX entities_by_name"));
            assertThat(plan).as(sql).noneMatch(step -> step.contains("TEMP B-TREE"));
        }
        assertThat(queryPlan("SELECT * FROM links WHERE account_id = 'a' AND relation = 'r' AND to_id = 'x' ORDER BY from_id"))
                .anyMatch(step -> step.contains("links_by_target"))
                .noneMatch(step -> step.contains("TEMP B-TREE"));
    }

    @Test
    void ciphertextMovedToAnotherRowIsRefused()
            throws SQLException
    {
        insertAccounts();
        store.write(transaction -> {
            transaction.insertAccessKey(new AccessKey("AKIAFIRST0000000001", ACCOUNT, "alice", "first-secret", AccessKey.Status.ACTIVE, CREATED));
            transaction.insertAccessKey(new AccessKey("AKIASECOND000000002", ACCOUNT, "mallory", "second-secret", AccessKey.Status.ACTIVE, CREATED));
            return null;
        });
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE access_keys SET secret_ciphertext = (SELECT secret_ciphertext FROM access_keys WHERE access_key_id = 'AKIAFIRST0000000001') " +
                    "WHERE access_key_id = 'AKIASECOND000000002'");
        }
        assertThatThrownBy(() -> store.read(transaction -> transaction.accessKey("AKIASECOND000000002")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed authentication");
        assertThat(store.read((ReadTransaction transaction) -> transaction.accessKey("AKIAFIRST0000000001")).orElseThrow().secretAccessKey()).isEqualTo("first-secret");
    }

    @Test
    void wrongMasterKeyCannotReadSecrets()
    {
        insertAccounts();
        store.write(transaction -> {
            transaction.insertAccessKey(new AccessKey("AKIAFIRST0000000001", ACCOUNT, "alice", "first-secret", AccessKey.Status.ACTIVE, CREATED));
            return null;
        });
        store.close();
        store = SqliteStore.open(dataDirectory, new SecretCipher(MasterKey.random()));
        assertThatThrownBy(() -> store.read(transaction -> transaction.accessKey("AKIAFIRST0000000001"))).isInstanceOf(StoreException.class);
    }

    @Test
    void migrationsAreRecordedOnce()
            throws SQLException
    {
        reopen();
        reopen();
        try (Connection connection = rawConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, script FROM schema_migrations ORDER BY version")) {
            List<String> scripts = new ArrayList<>();
            while (rows.next()) {
                assertThat(rows.getInt("version")).isEqualTo(scripts.size() + 1);
                scripts.add(rows.getString("script"));
            }
            assertThat(scripts).isEqualTo(SqliteMigrations.SCRIPTS);
        }
    }

    @Test
    void migrationScriptsAreNumberedWithoutGaps()
    {
        for (int index = 0; index < SqliteMigrations.SCRIPTS.size(); index++) {
            assertThat(SqliteMigrations.version(SqliteMigrations.SCRIPTS.get(index))).isEqualTo(index + 1);
        }
    }

    @Test
    void databaseFromNewerCodeIsRefused()
            throws SQLException
    {
        store.close();
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO schema_migrations (version, script, applied_at) VALUES (" + (SqliteMigrations.latestVersion() + 1) + ", 'V99__future.sql', 0)");
        }
        assertThatThrownBy(() -> SqliteStore.open(dataDirectory, new SecretCipher(MasterKey.random())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Lanyard");
        store = reopenStoreAfterRemovingFutureMigration();
    }

    private Store reopenStoreAfterRemovingFutureMigration()
            throws SQLException
    {
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM schema_migrations WHERE version > " + SqliteMigrations.latestVersion());
        }
        return reopenStore();
    }

    @Test
    void databaseFilesAreOwnerOnly()
            throws java.io.IOException
    {
        insertAccounts();
        for (Path file : storageFiles()) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void journalModeIsWal()
            throws SQLException
    {
        try (Connection connection = rawConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void statementSplitting()
    {
        assertThat(SqliteMigrations.statements("-- comment\nCREATE TABLE a (x INTEGER);\n\nINSERT INTO a\nVALUES (1);\n"))
                .containsExactly("CREATE TABLE a (x INTEGER);", "INSERT INTO a\nVALUES (1);");
        assertThatThrownBy(() -> SqliteMigrations.statements("CREATE TABLE a (x INTEGER)")).isInstanceOf(IllegalStateException.class);
    }
}
