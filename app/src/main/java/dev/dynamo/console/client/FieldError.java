package dev.dynamo.console.client;

/** One field the engine blamed in a problem response (contract section 5). */
public record FieldError(String field, String message) {}
