package dev.dynamo.ocpp.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynamo.ocpp.rpc.OcppFrame.Call;
import dev.dynamo.ocpp.rpc.OcppFrame.CallError;
import dev.dynamo.ocpp.rpc.OcppFrame.CallResult;

/** Text ⇄ {@link OcppFrame}. Decoding failures carry the message id whenever it could be read. */
public final class FrameCodec {
    static final int CALL = 2;
    static final int CALL_RESULT = 3;
    static final int CALL_ERROR = 4;
    static final int MAX_MESSAGE_ID_LENGTH = 36;

    private final ObjectMapper mapper;

    public FrameCodec(ObjectMapper mapper) { this.mapper = mapper; }

    public ObjectMapper mapper() { return mapper; }

    public OcppFrame decode(String text) throws RpcException {
        var usual = statusResult(text);
        if (usual != null) return usual;
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray() || root.size() < 2) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "an OCPP-J message is a JSON array [type, id, ...]");
        }
        var idNode = root.get(1);
        if (!idNode.isTextual()) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "the message id must be a string");
        }
        var id = idNode.textValue();
        if (id.isEmpty() || id.length() > MAX_MESSAGE_ID_LENGTH) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "the message id must have 1 to 36 characters", id);
        }
        var type = root.get(0);
        if (!type.isIntegralNumber()) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "the message type must be 2, 3 or 4", id);
        }
        return switch (type.intValue()) {
            case CALL -> decodeCall((ArrayNode) root, id);
            case CALL_RESULT -> decodeResult((ArrayNode) root, id);
            case CALL_ERROR -> decodeError((ArrayNode) root, id);
            default -> throw new RpcException(ErrorCode.PROTOCOL_ERROR, "unknown message type " + type, id);
        };
    }

    private static final String RESULT_HEAD = "[3,\"";
    private static final String STATUS_KEY = "\",{\"status\":\"";
    private static final String RESULT_TAIL = "\"}]";

    /**
     * The usual answer to our CALLs, exactly {@code [3,"id",{"status":"…"}]} with plain ASCII strings, read without
     * a JSON parser (one per TxProfile; the parser and its tree were most of the garbage of reading it); the same
     * frame {@code readTree} makes. Null for any other text, which the full reading takes.
     */
    private CallResult statusResult(String text) {
        if (!text.startsWith(RESULT_HEAD) || !text.endsWith(RESULT_TAIL)) return null;
        var idEnd = text.indexOf(STATUS_KEY, RESULT_HEAD.length());
        var statusStart = idEnd + STATUS_KEY.length();
        var statusEnd = text.length() - RESULT_TAIL.length();
        if (idEnd < 0 || statusStart > statusEnd) return null;
        var idLength = idEnd - RESULT_HEAD.length();
        if (idLength < 1 || idLength > MAX_MESSAGE_ID_LENGTH
                || !plain(text, RESULT_HEAD.length(), idEnd) || !plain(text, statusStart, statusEnd)) return null;
        var payload = mapper.createObjectNode().put("status", text.substring(statusStart, statusEnd));
        return new CallResult(text.substring(RESULT_HEAD.length(), idEnd), payload);
    }

    /** Printable ASCII without a quote or backslash: a JSON string's text as it stands, with no escapes. */
    private static boolean plain(String text, int from, int to) {
        for (var i = from; i < to; i++) {
            var c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
        }
        return true;
    }

    private static Call decodeCall(ArrayNode root, String id) throws RpcException {
        if (root.size() != 4) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "a CALL has 4 elements", id);
        }
        if (!root.get(2).isTextual() || root.get(2).textValue().isEmpty()) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "a CALL's action must be a string", id);
        }
        if (!root.get(3).isObject()) {
            throw new RpcException(ErrorCode.FORMATION_VIOLATION, "a CALL's payload must be a JSON object", id);
        }
        return new Call(id, root.get(2).textValue(), (ObjectNode) root.get(3));
    }

    private static CallResult decodeResult(ArrayNode root, String id) throws RpcException {
        if (root.size() != 3 || !root.get(2).isObject()) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "a CALLRESULT is [3, id, {payload}]", id);
        }
        return new CallResult(id, (ObjectNode) root.get(2));
    }

    private static CallError decodeError(ArrayNode root, String id) throws RpcException {
        if (root.size() != 5 || !root.get(2).isTextual() || !root.get(3).isTextual() || !root.get(4).isObject()) {
            throw new RpcException(ErrorCode.PROTOCOL_ERROR, "a CALLERROR is [4, id, code, description, {details}]", id);
        }
        var code = ErrorCode.fromWire(root.get(2).textValue()).orElse(ErrorCode.GENERIC_ERROR);
        return new CallError(id, code, root.get(3).textValue(), (ObjectNode) root.get(4));
    }

    /**
     * A CALL whose payload, a JSON object, is written in place into the frame's text: a TxProfile's text is made
     * once, not once for its payload and again for its frame. {@code payloadLength}: about how long it is.
     */
    public String encodeCall(String messageId, String action, int payloadLength, PayloadJson payload) {
        var text = new StringBuilder(payloadLength + messageId.length() + action.length() + 12).append('[').append(CALL).append(',');
        quoted(text, messageId).append(',');
        quoted(text, action).append(',');
        payload.writeTo(text);
        return text.append(']').toString();
    }

    /** Writes a CALL's payload, a JSON object, at the end of the frame's text. */
    @FunctionalInterface
    public interface PayloadJson {
        void writeTo(StringBuilder text);
    }

    /** A JSON string: our message ids and actions need no escaping; anything else is escaped by the mapper. */
    private StringBuilder quoted(StringBuilder text, String value) {
        if (plain(value, 0, value.length())) return text.append('"').append(value).append('"');
        try {
            return text.append(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    public String encode(OcppFrame frame) {
        var array = mapper.createArrayNode();
        switch (frame) {
            case Call call -> array.add(CALL).add(call.messageId()).add(call.action()).add(call.payload());
            case CallResult result -> array.add(CALL_RESULT).add(result.messageId()).add(result.payload());
            case CallError error -> array.add(CALL_ERROR).add(error.messageId()).add(error.code().wireName())
                    .add(error.description()).add(error.details() == null ? mapper.createObjectNode() : error.details());
        }
        try {
            return mapper.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
