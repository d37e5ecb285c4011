package dev.dynamo.console.client;

import java.util.List;
import java.util.Optional;

/**
 * A failed call: either the engine answered with a problem ({@code status} > 0, {@code detail} and
 * the blamed fields), or it could not be reached ({@code status} 0).
 */
public final class EngineException extends RuntimeException {
    private final int status;
    private final String detail;
    private final List<FieldError> fieldErrors;

    public EngineException(int status, String detail, List<FieldError> fieldErrors) {
        super(status > 0 ? "HTTP " + status + ": " + detail : detail);
        this.status = status;
        this.detail = detail;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    public static EngineException unreachable(String detail, Throwable cause) {
        var e = new EngineException(0, detail, List.of());
        e.initCause(cause);
        return e;
    }

    public int status() { return status; }

    public String detail() { return detail; }

    public List<FieldError> fieldErrors() { return fieldErrors; }

    public boolean notFound() { return status == 404; }

    public boolean unreachable() { return status == 0; }

    /** The message the engine gave for one field, if it blamed it. */
    public Optional<String> errorFor(String field) {
        return fieldErrors.stream().filter(e -> field.equals(e.field())).map(FieldError::message).findFirst();
    }

    /** A line for a person: what went wrong, without stack traces. */
    public static String describe(Throwable failure) {
        var cause = failure;
        while (cause.getCause() != null && !(cause instanceof EngineException)) {
            cause = cause.getCause();
        }
        if (cause instanceof EngineException e) {
            return e.getMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
