package dev.lanyard.store.sqlite;

import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.StoreException;
import dev.lanyard.store.WriteTransaction;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * The embedded backend: one SQLite file {@code <data-dir>/lanyard.db} in WAL mode.
 *
 * <p>SQLite allows one writer at a time, so there is one writer connection behind a lock (waiting on a Java lock is
 * cheaper and fairer than SQLite's busy retry loop), and a small pool of query-only reader connections that in WAL
 * mode read their snapshot while the writer writes. Writes begin with {@code BEGIN IMMEDIATE}, so a second process
 * on the same file waits for the write lock at the start instead of failing at its first write.
 *
 * <p>The revision lives in the {@code meta} table and is advanced inside every write transaction, so it commits or
 * rolls back with the data; {@link #revision()} serves it from memory.
 */
public final class SqliteStore
        implements Store
{
    public static final String DATABASE_FILE_NAME = "lanyard.db";
    public static final int DEFAULT_READER_CONNECTIONS = 4;

    private final Path database;
    private final SecretCipher cipher;
    private final ReentrantLock writerLock = new ReentrantLock();
    private final SqliteConnection writer;
    private final BlockingQueue<SqliteConnection> readers;
    private final int readerCount;
    private final AtomicLong revision;
    // per store, not static: a tool copying between two stores may legitimately hold one transaction of each
    private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);
    private volatile boolean closed;

    private SqliteStore(Path database, SecretCipher cipher, SqliteConnection writer, List<SqliteConnection> readers, long revision)
    {
        this.database = requireNonNull(database, "database is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
        this.readerCount = readers.size();
        this.revision = new AtomicLong(revision);
    }

    public static SqliteStore open(Path dataDirectory, SecretCipher cipher)
    {
        return open(dataDirectory, cipher, DEFAULT_READER_CONNECTIONS);
    }

    public static SqliteStore open(Path dataDirectory, SecretCipher cipher, int readerConnections)
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(cipher, "cipher is null");
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1: " + readerConnections);
        }
        Path database = dataDirectory.resolve(DATABASE_FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
            createOwnerOnly(database);
        }
        catch (IOException e) {
            throw new StoreException("cannot create " + database + ": " + e.getMessage(), e);
        }
        List<SqliteConnection> opened = new ArrayList<>();
        try {
            SqliteConnection writer = SqliteConnection.openWriter(database);
            opened.add(writer);
            SqliteMigrations.migrate(writer.jdbc());
            long revision = readRevision(writer);
            List<SqliteConnection> readers = new ArrayList<>();
            for (int index = 0; index < readerConnections; index++) {
                SqliteConnection reader = SqliteConnection.openReader(database);
                opened.add(reader);
                readers.add(reader);
            }
            return new SqliteStore(database, cipher, writer, readers, revision);
        }
        catch (SQLException | RuntimeException e) {
            for (SqliteConnection connection : opened) {
                try {
                    connection.close();
                }
                catch (SQLException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            if (e instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException("cannot open " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the database file empty (SQLite treats that as a new database) with mode 0600: secrets are encrypted, but
     * names, policies and account ids are not for everyone on the machine. SQLite gives the -wal and -shm files the mode
     * of the database file.
     */
    private static void createOwnerOnly(Path database)
            throws IOException
    {
        if (Files.exists(database) || !database.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(database, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (FileAlreadyExistsException e) {
            // another process created it first: fine, SQLite coordinates the rest
        }
    }

    private static long readRevision(SqliteConnection connection)
            throws SQLException
    {
        try (var rows = connection.prepare("SELECT value FROM meta WHERE key = 'revision'").executeQuery()) {
            if (!rows.next()) {
                throw new StoreException("the meta table has no revision row: the database is damaged");
            }
            return rows.getLong(1);
        }
    }

    /** The database file, for backups and diagnostics. */
    public Path databaseFile()
    {
        return database;
    }

    @Override
    public <T> T read(TransactionFunction<ReadTransaction, T> work)
    {
        requireNonNull(work, "work is null");
        enterTransaction();
        try {
            SqliteConnection reader = takeReader();
            try {
                return runInTransaction(reader, "BEGIN", work::apply);
            }
            finally {
                readers.add(reader);
            }
        }
        finally {
            inTransaction.set(false);
        }
    }

    @Override
    public <T> T write(TransactionFunction<WriteTransaction, T> work)
    {
        requireNonNull(work, "work is null");
        enterTransaction();
        writerLock.lock();
        try {
            checkOpen();
            return runInTransaction(writer, "BEGIN IMMEDIATE", transaction -> {
                T result = work.apply(transaction);
                try {
                    // advanced last, after the work succeeded; published to revision() only after COMMIT
                    long next = transaction.advanceRevision();
                    transaction.onCommit(() -> revision.set(next));
                }
                catch (SQLException e) {
                    throw SqliteErrors.translate(e, "advancing the revision");
                }
                return result;
            });
        }
        finally {
            writerLock.unlock();
            inTransaction.set(false);
        }
    }

    private <T> T runInTransaction(SqliteConnection connection, String begin, TransactionFunction<SqliteTransaction, T> work)
    {
        try {
            connection.execute(begin);
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "beginning a transaction");
        }
        SqliteTransaction transaction = new SqliteTransaction(connection, cipher);
        T result;
        try {
            result = work.apply(transaction);
            connection.execute("COMMIT");
        }
        catch (SQLException e) {
            rollback(connection, e);
            throw SqliteErrors.translate(e, "committing");
        }
        catch (RuntimeException | Error e) {
            // the caller's exception propagates unchanged; a failed rollback rides along as suppressed
            rollback(connection, e);
            throw e;
        }
        finally {
            transaction.close();
        }
        transaction.committed();
        return result;
    }

    private static void rollback(SqliteConnection connection, Throwable failure)
    {
        try {
            connection.execute("ROLLBACK");
        }
        catch (SQLException rollbackFailure) {
            // COMMIT may fail after SQLite already ended the transaction; then there is nothing to roll back
            if (!String.valueOf(rollbackFailure.getMessage()).contains("no transaction is active")) {
                failure.addSuppressed(rollbackFailure);
            }
        }
    }

    private SqliteConnection takeReader()
    {
        checkOpen();
        SqliteConnection reader;
        try {
            reader = readers.take();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a reader connection", e);
        }
        if (closed) {
            readers.add(reader);
            throw new IllegalStateException("store is closed");
        }
        return reader;
    }

    private void enterTransaction()
    {
        if (inTransaction.get()) {
            throw new IllegalStateException("transactions do not nest: this thread is already in a transaction of this store");
        }
        inTransaction.set(true);
    }

    private void checkOpen()
    {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }

    @Override
    public long revision()
    {
        return revision.get();
    }

    @Override
    public void wipe()
    {
        write(transaction -> {
            try {
                ((SqliteTransaction) transaction).deleteAllRows();
            }
            catch (SQLException e) {
                throw SqliteErrors.translate(e, "wiping");
            }
            return null;
        });
    }

    /** Waits for running transactions to end, then closes every connection. */
    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        StoreException failure = null;
        writerLock.lock();
        try {
            writer.close();
        }
        catch (SQLException e) {
            failure = new StoreException("closing " + database + ": " + e.getMessage(), e);
        }
        finally {
            writerLock.unlock();
        }
        for (int index = 0; index < readerCount; index++) {
            try {
                readers.take().close();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (SQLException e) {
                failure = failure == null ? new StoreException("closing " + database + ": " + e.getMessage(), e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString()
    {
        return "SqliteStore[" + database + ", revision=" + revision.get() + "]";
    }
}
