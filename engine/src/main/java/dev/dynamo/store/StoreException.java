package dev.dynamo.store;

/**
 * A store operation that failed or did not finish in time; the write it belonged to did not happen.
 * The engine answers a request that met one with 503 (the store does not answer).
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
