package dev.lanyard.store;

/**
 * The one storage interface every backend implements (SQLite embedded, PostgreSQL for several nodes).
 * All access goes through transactions; a write transaction commits atomically and durably or not at all,
 * and each committed write advances the revision. Caches key their entries by revision.
 */
public interface Store
        extends AutoCloseable
{
    <T> T read(TransactionFunction<ReadTransaction, T> work);

    <T> T write(TransactionFunction<WriteTransaction, T> work);

    /** The revision of the newest committed write this node knows of; caches compare it to their entries'. */
    long revision();

    /** Deletes all data (accounts, keys, entities); the caller bootstraps again. */
    void wipe();

    @Override
    void close();

    @FunctionalInterface
    interface TransactionFunction<X, T>
    {
        T apply(X transaction);
    }
}
