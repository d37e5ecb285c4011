package dev.dynamo.simulation;

/** A scenario file that cannot be used; the message names the field (JSON path) and what is wrong. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) { super(message); }

    public ScenarioException(String message, Throwable cause) { super(message, cause); }
}
