package dev.dynamo.contract;

import java.util.List;
import java.util.Map;

/**
 * A request the engine refuses (contract section 5): an HTTP status, a {@code detail} a person can act
 * on, and the fields to blame. The API writes it as {@code application/problem+json}; the command line
 * prints {@link #getMessage()}, which lists the field errors under the detail.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String detail;
    private final List<FieldError> errors;

    public ApiProblem(int status, String detail, List<FieldError> errors) {
        // No stack trace: a refused request is an answer, not a fault, and may be frequent.
        super(detail, null, false, false);
        this.status = status;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem badRequest(String detail, List<FieldError> errors) {
        return new ApiProblem(400, detail, errors);
    }

    public int status() { return status; }

    public String type() { return "about:blank"; }

    public String title() { return titleOf(status); }

    public String detail() { return detail; }

    public List<FieldError> errors() { return errors; }

    /** The same problem with its detail prefixed, e.g. by the sites file's name. */
    public ApiProblem withDetailPrefix(String prefix) {
        return new ApiProblem(status, prefix + detail, errors);
    }

    /** The problem JSON body in the contract's field order; {@code errors} only when a field is to blame. */
    public Map<String, Object> body() {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", type());
        body.put("title", title());
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    @Override
    public String getMessage() {
        var text = new StringBuilder(detail);
        for (var error : errors) {
            text.append(System.lineSeparator()).append("  ").append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }

    public static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
