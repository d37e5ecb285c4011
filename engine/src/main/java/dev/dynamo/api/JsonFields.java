package dev.dynamo.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The fields of one JSON object at a path, read with their types checked. An absent field and a JSON
 * {@code null} both mean "not given": the reader applies its default or reports it as required.
 */
final class JsonFields {
    private final JsonNode object;
    private final String path;
    private final Problems problems;

    JsonFields(JsonNode object, String path, Problems problems, List<String> known, List<String> ignored) {
        this.object = object;
        this.path = path;
        this.problems = problems;
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name) && !ignored.contains(name)) {
                var where = path.isEmpty() ? "" : " in " + path;
                problems.malformed(at(name), "unknown field", "unknown field " + JsonReading.quote(name) + where
                        + " (known fields: " + String.join(", ", known) + ")");
            }
        });
    }

    String path() { return path; }

    String at(String name) { return Problems.at(path, name); }

    /** The value of a field, or null when it is absent or JSON null. */
    JsonNode value(String name) {
        var value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String name) { return value(name) != null; }

    private JsonNode given(String name, boolean required) {
        var value = value(name);
        if (value == null && required) {
            problems.missing(at(name));
        }
        return value;
    }

    Double number(String name, boolean required) {
        var value = given(name, required);
        return value == null ? null : problems.number(value, at(name));
    }

    Long integer(String name, boolean required) {
        var value = given(name, required);
        return value == null ? null : problems.integer(value, at(name));
    }

    String string(String name, boolean required) {
        var value = given(name, required);
        return value == null ? null : problems.string(value, at(name));
    }

    Boolean bool(String name, boolean required) {
        var value = given(name, required);
        return value == null ? null : problems.bool(value, at(name));
    }

    List<JsonNode> array(String name, boolean required) {
        var value = given(name, required);
        return value == null ? null : problems.array(value, at(name));
    }
}
