package dev.dynamo.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Strict reading of one JSON object: every field read is remembered, so {@link #done()} can reject the
 * fields nobody asked for. Errors name the field by its path ({@code vehicles[3].arrival}).
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    JsonFields(JsonNode node, String path) {
        if (node == null || !node.isObject()) throw new ScenarioException(where(path) + "must be a JSON object");
        this.node = node;
        this.path = path;
    }

    String path() { return path; }

    String at(String field) { return path.isEmpty() ? field : path + "." + field; }

    private static String where(String path) { return path.isEmpty() ? "" : path + ": "; }

    ScenarioException error(String field, String message) {
        return new ScenarioException(at(field) + ": " + message);
    }

    boolean has(String field) {
        read.add(field);
        var value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode raw(String field) {
        read.add(field);
        var value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    String string(String field) {
        var value = optionalString(field);
        if (value == null) throw error(field, "is required");
        return value;
    }

    String optionalString(String field) {
        var value = raw(field);
        if (value == null) return null;
        if (!value.isTextual()) throw error(field, "must be a string");
        return value.textValue();
    }

    double number(String field) {
        var value = optionalNumber(field);
        if (value == null) throw error(field, "is required");
        return value;
    }

    Double optionalNumber(String field) {
        var value = raw(field);
        if (value == null) return null;
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) throw error(field, "must be a finite number");
        return value.doubleValue();
    }

    double positive(String field) {
        var value = number(field);
        if (value <= 0) throw error(field, "must be > 0, was " + value);
        return value;
    }

    Integer optionalInt(String field) {
        var value = raw(field);
        if (value == null) return null;
        if (!value.isIntegralNumber() || !value.canConvertToInt()) throw error(field, "must be an integer");
        return value.intValue();
    }

    Boolean optionalBoolean(String field) {
        var value = raw(field);
        if (value == null) return null;
        if (!value.isBoolean()) throw error(field, "must be true or false");
        return value.booleanValue();
    }

    JsonFields object(String field) {
        var value = raw(field);
        if (value == null) throw error(field, "is required");
        return new JsonFields(value, at(field));
    }

    /** The elements of an array field (empty when absent), each read by {@code element} with its index path. */
    <T> List<T> list(String field, Function<Element, T> element) {
        var value = raw(field);
        var out = new ArrayList<T>();
        if (value == null) return out;
        if (!value.isArray()) throw error(field, "must be an array");
        for (int i = 0; i < value.size(); i++) out.add(element.apply(new Element(value.get(i), at(field) + "[" + i + "]")));
        return out;
    }

    /** Rejects every field of the object that was not read. */
    void done() {
        var names = node.fieldNames();
        while (names.hasNext()) {
            var name = names.next();
            if (!read.contains(name)) throw error(name, "unknown field");
        }
    }

    /** One element of an array, with its path. */
    record Element(JsonNode node, String path) {
        JsonFields fields() { return new JsonFields(node, path); }

        String text() {
            if (node == null || !node.isTextual()) throw new ScenarioException(path + ": must be a string");
            return node.textValue();
        }

        double number() {
            if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue()))
                throw new ScenarioException(path + ": must be a finite number");
            return node.doubleValue();
        }
    }
}
