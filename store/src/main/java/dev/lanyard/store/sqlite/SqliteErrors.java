package dev.lanyard.store.sqlite;

import dev.lanyard.store.StoreException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

/** Maps SQLite failures to the store's exceptions, so callers never see JDBC types. */
final class SqliteErrors
{
    private SqliteErrors() {}

    static StoreException translate(SQLException exception, String action)
    {
        if (isUniqueViolation(exception)) {
            return new StoreException.Conflict(action + ": already exists", exception);
        }
        return new StoreException(action + " failed: " + exception.getMessage(), exception);
    }

    static boolean isUniqueViolation(SQLException exception)
    {
        if (exception instanceof SQLiteException sqliteException) {
            SQLiteErrorCode code = sqliteException.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                return true;
            }
        }
        // without extended result codes only the message tells a unique violation from a foreign key one
        String message = exception.getMessage();
        return message != null && (message.contains("UNIQUE constraint failed") || message.contains("PRIMARY KEY constraint failed"));
    }
}
