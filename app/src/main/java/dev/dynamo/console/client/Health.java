package dev.dynamo.console.client;

/** {@code GET /health}; {@code version} is null when the engine does not report one. */
public record Health(String status, String version) {}
