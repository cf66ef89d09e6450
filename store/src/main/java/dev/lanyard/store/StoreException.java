package dev.lanyard.store;

/**
 * A storage failure. {@link Conflict} is a unique-key violation or a lost optimistic update the caller can answer
 * with EntityAlreadyExists, ConcurrentModification and the like; {@link NotFound} is an update of a row that does
 * not exist.
 */
public class StoreException
        extends RuntimeException
{
    public StoreException(String message, Throwable cause)
    {
        super(message, cause);
    }

    public StoreException(String message)
    {
        super(message);
    }

    public static final class Conflict
            extends StoreException
    {
        public Conflict(String message)
        {
            super(message);
        }

        public Conflict(String message, Throwable cause)
        {
            super(message, cause);
        }
    }

    public static final class NotFound
            extends StoreException
    {
        public NotFound(String message)
        {
            super(message);
        }
    }
}
