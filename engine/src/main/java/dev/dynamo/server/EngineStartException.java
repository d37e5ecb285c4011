package dev.dynamo.server;

/** The engine cannot start; the message says why, for a person. */
public final class EngineStartException extends RuntimeException {
    public EngineStartException(String message) {
        super(message);
    }

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
