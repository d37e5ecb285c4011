package dev.dynamo.contract;

/** One field to blame in a problem response: a JSON path such as {@code chargers[1].max_power_kw}. */
public record FieldError(String field, String message) {}
