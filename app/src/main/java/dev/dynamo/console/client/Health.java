package dev.dynamo.console.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /health}; {@code version} is null when the engine does not report one. While the engine
 * cannot persist, {@code status} is {@code degraded} and {@code store} / {@code decisionLog} say what fails.
 */
public record Health(String status, String version, String store, @JsonProperty("decision_log") String decisionLog) {

    public boolean degraded() {
        return "degraded".equals(status);
    }

    /** What fails, for a person; empty when nothing does. */
    public String problem() {
        if (!degraded()) return "";
        var parts = new java.util.ArrayList<String>();
        if (store != null) parts.add("store: " + store);
        if (decisionLog != null) parts.add("decision log: " + decisionLog);
        return parts.isEmpty() ? "the engine reports a fault" : String.join("; ", parts);
    }
}
