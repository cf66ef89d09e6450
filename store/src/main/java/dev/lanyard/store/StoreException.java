package dev.lanyard.store;

/** A storage failure. {@link Conflict} is a unique-key violation the caller can answer with EntityAlreadyExists and the like. */
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
    }
}
