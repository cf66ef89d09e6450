package dev.lanyard.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One SQLite connection with its prepared statements kept for reuse (preparing costs more than running a point
 * query). Used by one thread at a time: the store hands it out under its writer lock or from its reader pool.
 */
final class SqliteConnection
        implements AutoCloseable
{
    private static final int BUSY_TIMEOUT_MILLISECONDS = 10_000;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private SqliteConnection(Connection connection)
    {
        this.connection = requireNonNull(connection, "connection is null");
    }

    static SqliteConnection openWriter(Path database)
            throws SQLException
    {
        SqliteConnection writer = new SqliteConnection(DriverManager.getConnection("jdbc:sqlite:" + database));
        try {
            // WAL: readers never block the writer nor the writer the readers; the mode is stored in the file
            String journalMode = writer.queryString("PRAGMA journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(journalMode)) {
                throw new SQLException("cannot switch " + database + " to WAL journal mode; it is in " + journalMode);
            }
            // FULL in WAL mode syncs the log on every commit: a committed write survives power loss
            writer.execute("PRAGMA synchronous = FULL");
            writer.execute("PRAGMA foreign_keys = ON");
            writer.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLISECONDS);
            return writer;
        }
        catch (SQLException | RuntimeException e) {
            writer.closeQuietly(e);
            throw e;
        }
    }

    static SqliteConnection openReader(Path database)
            throws SQLException
    {
        SqliteConnection reader = new SqliteConnection(DriverManager.getConnection("jdbc:sqlite:" + database));
        try {
            // a write through a reader connection would bypass the writer lock and the revision
            reader.execute("PRAGMA query_only = ON");
            reader.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLISECONDS);
            return reader;
        }
        catch (SQLException | RuntimeException e) {
            reader.closeQuietly(e);
            throw e;
        }
    }

    Connection jdbc()
    {
        return connection;
    }

    PreparedStatement prepare(String sql)
            throws SQLException
    {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        else {
            statement.clearParameters();
        }
        return statement;
    }

    void execute(String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String queryString(String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private void closeQuietly(Throwable failure)
    {
        try {
            close();
        }
        catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close()
            throws SQLException
    {
        SQLException failure = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            }
            catch (SQLException e) {
                failure = failure == null ? e : failure;
            }
        }
        statements.clear();
        connection.close();
        if (failure != null) {
            throw failure;
        }
    }
}
