package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.show;
import static dev.dynamo.contract.JsonReading.typeName;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a request so that every field error is reported at once. A body with
 * any malformed value (wrong type, not finite, unknown field) is a 400; otherwise broken rules make a
 * 422. The detail is the first error of the status returned.
 */
final class Problems {
    private record Violation(int status, FieldError error, String detail) {}

    private final List<Violation> violations = new ArrayList<>();

    /** A value of the wrong shape: 400. */
    void malformed(String field, String message, String detail) {
        violations.add(new Violation(400, new FieldError(field, message), detail));
    }

    /** A well-formed value that breaks a rule: 422. */
    void broken(String field, String message, String detail) {
        violations.add(new Violation(422, new FieldError(field, message), detail));
    }

    void missing(String field) {
        broken(field, "is required", field + " is required");
    }

    boolean any() { return !violations.isEmpty(); }

    int count() { return violations.size(); }

    /** Whether some error names this field or a field inside it. */
    boolean anyAt(String fieldPrefix) {
        return violations.stream().map(v -> v.error().field())
                .anyMatch(f -> f.equals(fieldPrefix) || f.startsWith(fieldPrefix + ".") || f.startsWith(fieldPrefix + "["));
    }

    void throwIfAny() {
        if (any()) {
            throw toProblem();
        }
    }

    ApiProblem toProblem() {
        int status = violations.stream().anyMatch(v -> v.status() == 400) ? 400 : 422;
        var main = violations.stream().filter(v -> v.status() == status).findFirst().orElseThrow();
        int others = violations.size() - 1;
        var detail = others == 0 ? main.detail()
                : main.detail() + " (and " + others + " more problem" + (others == 1 ? "" : "s") + ", see errors)";
        return new ApiProblem(status, detail, violations.stream().map(Violation::error).toList());
    }

    static String at(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    // Typed reads of a present, non-null value; null (with the error recorded) when it has the wrong type.

    Double number(JsonNode value, String field) {
        if (!value.isNumber()) {
            return wrongType(value, field, "a number");
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            malformed(field, "must be a finite number", field + " must be a finite number (it is too large)");
            return null;
        }
        return number;
    }

    /** A whole number; {@code 60.0} counts as one, {@code 7.5} does not. Values past long's range saturate. */
    Long integer(JsonNode value, String field) {
        var number = number(value, field);
        if (number == null) {
            return null;
        }
        if (number != Math.rint(number)) {
            malformed(field, "must be a whole number", field + " must be a whole number, not " + show(value));
            return null;
        }
        return value.canConvertToLong() ? value.longValue() : (number > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
    }

    String string(JsonNode value, String field) {
        return value.isTextual() ? value.textValue() : wrongType(value, field, "a string");
    }

    Boolean bool(JsonNode value, String field) {
        return value.isBoolean() ? value.booleanValue() : wrongType(value, field, "true or false");
    }

    List<JsonNode> array(JsonNode value, String field) {
        if (!value.isArray()) {
            return wrongType(value, field, "an array");
        }
        var elements = new ArrayList<JsonNode>();
        value.forEach(elements::add);
        return elements;
    }

    /** The object at {@code field}, checked for unknown fields; null when it is not an object. */
    JsonFields object(JsonNode value, String field, List<String> known, List<String> ignored) {
        if (!value.isObject()) {
            return wrongType(value, field, "an object");
        }
        return new JsonFields(value, field, this, known, ignored);
    }

    private <T> T wrongType(JsonNode value, String field, String expected) {
        var name = field.isEmpty() ? "the body" : field;
        malformed(field, "must be " + expected + ", not " + typeName(value),
                name + " must be " + expected + ", not " + typeName(value) + " (" + show(value) + ")");
        return null;
    }
}
