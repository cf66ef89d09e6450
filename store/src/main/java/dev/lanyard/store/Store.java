package dev.lanyard.store;

/**
 * The one storage interface every backend implements (SQLite embedded, PostgreSQL for several nodes).
 * All access goes through transactions; a write transaction commits atomically and durably or not at all,
 * and each committed write advances the revision. Caches key their entries by revision.
 */
public interface Store
        extends AutoCloseable
{
    /**
     * Runs {@code work} on one consistent snapshot. Transactions do not nest: starting one (read or write) inside
     * another on the same thread throws {@link IllegalStateException}, because the inner one would not see the outer
     * one's snapshot or uncommitted writes.
     */
    <T> T read(TransactionFunction<ReadTransaction, T> work);

    /**
     * Runs {@code work} in a serializable write transaction and commits it durably. Anything {@code work} throws rolls
     * the transaction back and propagates unchanged; a failure of the store itself is a {@link StoreException}.
     */
    <T> T write(TransactionFunction<WriteTransaction, T> work);

    /** The revision of the newest committed write this node knows of; caches compare it to their entries'. */
    long revision();

    /** Deletes all data (accounts, keys, entities, links, secrets) but keeps the schema, and advances the revision; the caller bootstraps again. */
    void wipe();

    @Override
    void close();

    @FunctionalInterface
    interface TransactionFunction<X, T>
    {
        T apply(X transaction);
    }
}
