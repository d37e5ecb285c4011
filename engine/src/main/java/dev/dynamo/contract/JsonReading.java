package dev.dynamo.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.List;

/** Strict parsing of request bodies into a JSON tree, and the small formatting helpers of the readers. */
public final class JsonReading {
    /** Rejects duplicate keys, trailing content, comments and NaN/Infinity literals (Jackson's default). */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final int SHOWN_CHARS = 60;

    private JsonReading() {}

    /** The body as a JSON object, or a 400 saying why it is not one. */
    public static ObjectNode readObject(byte[] body) {
        var tree = readTree(body);
        if (tree == null) {
            throw ApiProblem.badRequest("the request body is empty; expected a JSON object", List.of());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ApiProblem.badRequest("the request body must be a JSON object, not " + typeName(tree), List.of());
        }
        return object;
    }

    /** The body as a JSON tree, null when it holds nothing but white space; 400 when it is not JSON. */
    public static JsonNode readTree(byte[] body) {
        if (isBlank(body)) {
            return null;
        }
        try (var parser = STRICT.createParser(body)) {
            return STRICT.readTree(parser);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw ApiProblem.badRequest("the request body could not be read: " + e.getMessage(), List.of());
        }
    }

    private static boolean isBlank(byte[] body) {
        if (body == null) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static ApiProblem notJson(JsonProcessingException e) {
        var where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        var reason = withoutParserHints(firstLine(e.getOriginalMessage()));
        var detail = "the request body is not valid JSON: " + reason + where;
        // Only a duplicate key or a non-JSON value (NaN, Infinity) is pinned to a field: for other syntax errors
        // the parser's position is the previous field.
        var pinned = reason.startsWith("Duplicate field") || reason.startsWith("Non-standard token");
        var field = pinned ? fieldOf(e) : "";
        return ApiProblem.badRequest(detail, field.isEmpty() ? List.of() : List.of(new FieldError(field, reason)));
    }

    /** The JSON path where the parser stopped, when it stopped inside a named field (e.g. a duplicate key). */
    private static String fieldOf(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        var steps = new ArrayDeque<String>();
        for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inObject() && ctx.getCurrentName() != null) {
                steps.push("." + ctx.getCurrentName());
            } else if (ctx.inArray()) {
                steps.push("[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            }
        }
        var path = String.join("", steps);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** Jackson's reasons end with advice for its own users (feature flags, source redaction); a client needs none. */
    private static String withoutParserHints(String reason) {
        var cut = reason.length();
        for (var hint : List.of(": enable `", " (start marker at", " (bound as `", ": not allowed as per `")) {
            int at = reason.indexOf(hint);
            if (at > 0) cut = Math.min(cut, at);
        }
        return reason.substring(0, cut);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A JSON node's type as a person says it. */
    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A number as people write it: {@code 300}, not {@code 300.0}. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A client's string, quoted, cut short and stripped of control characters so it is safe in a message. */
    public static String quote(String value) {
        var shown = value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "…" : value;
        var safe = new StringBuilder();
        shown.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return "\"" + safe + "\"";
    }

    /** A JSON value as it appears in a message: a string quoted, anything else in its JSON form. */
    static String show(JsonNode node) {
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isNumber()) {
            return node.isFloatingPointNumber() ? number(node.doubleValue()) : node.asText();
        }
        var json = node.toString();
        return json.length() > SHOWN_CHARS ? json.substring(0, SHOWN_CHARS) + "…" : json;
    }
}
