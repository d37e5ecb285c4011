package dev.dynamo.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiFunction;

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

    /** A field read with one type check: null when not given (reported if required) or of the wrong type. */
    private <T> T read(String name, boolean required, BiFunction<JsonNode, String, T> type) {
        var value = value(name);
        if (value == null) {
            if (required) problems.missing(at(name));
            return null;
        }
        return type.apply(value, at(name));
    }

    Double number(String name, boolean required) { return read(name, required, problems::number); }

    Long integer(String name, boolean required) { return read(name, required, problems::integer); }

    String string(String name, boolean required) { return read(name, required, problems::string); }

    Boolean bool(String name, boolean required) { return read(name, required, problems::bool); }

    List<JsonNode> array(String name, boolean required) { return read(name, required, problems::array); }
}
