package dev.dynamo.store;

/** A store operation that failed; the write it belonged to did not happen. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
