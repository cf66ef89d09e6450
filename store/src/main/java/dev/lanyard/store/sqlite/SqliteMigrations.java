package dev.lanyard.store.sqlite;

import dev.lanyard.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Brings a database to the schema this code knows, applying the missing {@code V<n>__<description>.sql} scripts in
 * order in one transaction and recording each in {@code schema_migrations}. A database migrated by newer code is
 * refused: this code cannot know what the newer schema means.
 */
final class SqliteMigrations
{
    // resources cannot be listed portably from a jar, so the scripts are named here; a test checks the numbering
    static final List<String> SCRIPTS = List.of(
            "V1__initial_schema.sql");

    private static final String RESOURCE_DIRECTORY = "migrations/";
    private static final Pattern SCRIPT_NAME = Pattern.compile("V([1-9][0-9]*)__[a-z0-9_]+\\.sql");

    private SqliteMigrations() {}

    static int latestVersion()
    {
        return SCRIPTS.size();
    }

    static int version(String scriptName)
    {
        Matcher matcher = SCRIPT_NAME.matcher(scriptName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a migration script name: " + scriptName);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Must run on a connection in autocommit mode; returns the number of scripts applied. */
    static int migrate(Connection connection)
            throws SQLException
    {
        requireNonNull(connection, "connection is null");
        try (Statement statement = connection.createStatement()) {
            // IMMEDIATE: two processes opening the same new database must not both apply V1
            statement.execute("BEGIN IMMEDIATE");
            try {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version    INTEGER PRIMARY KEY,
                            script     TEXT NOT NULL,
                            applied_at INTEGER NOT NULL)""");
                List<String> applied = appliedScripts(connection);
                if (applied.size() > SCRIPTS.size()) {
                    throw new StoreException("the database schema is at version " + applied.size() + " but this Lanyard knows versions up to " +
                            SCRIPTS.size() + ": it was written by a newer Lanyard; run that version or restore a backup");
                }
                for (int index = 0; index < applied.size(); index++) {
                    if (!applied.get(index).equals(SCRIPTS.get(index))) {
                        throw new StoreException("the database schema version " + (index + 1) + " was applied from " + applied.get(index) +
                                " but this Lanyard has " + SCRIPTS.get(index) + " for it");
                    }
                }
                for (String script : SCRIPTS.subList(applied.size(), SCRIPTS.size())) {
                    for (String sql : statements(load(script))) {
                        statement.execute(sql);
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO schema_migrations (version, script, applied_at) VALUES (?, ?, ?)")) {
                        insert.setInt(1, version(script));
                        insert.setString(2, script);
                        insert.setLong(3, Instant.now().toEpochMilli());
                        insert.executeUpdate();
                    }
                }
                statement.execute("COMMIT");
                return SCRIPTS.size() - applied.size();
            }
            catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                }
                catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    private static List<String> appliedScripts(Connection connection)
            throws SQLException
    {
        List<String> scripts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, script FROM schema_migrations ORDER BY version")) {
            while (rows.next()) {
                if (rows.getInt("version") != scripts.size() + 1) {
                    throw new StoreException("schema_migrations is not a gapless sequence from version 1: found version " + rows.getInt("version"));
                }
                scripts.add(rows.getString("script"));
            }
        }
        return scripts;
    }

    private static String load(String script)
    {
        try (InputStream input = SqliteMigrations.class.getResourceAsStream(RESOURCE_DIRECTORY + script)) {
            if (input == null) {
                throw new IllegalStateException("migration script missing from the class path: " + script);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our own scripts only: comment lines dropped, one statement per ';' at a line end. */
    static List<String> statements(String script)
    {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';': " + current);
        }
        return statements;
    }
}
