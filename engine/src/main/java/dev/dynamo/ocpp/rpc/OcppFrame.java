package dev.dynamo.ocpp.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One OCPP-J message: {@code [2, id, action, payload]}, {@code [3, id, payload]} or {@code [4, id, code, description, details]}. */
public sealed interface OcppFrame permits OcppFrame.Call, OcppFrame.CallResult, OcppFrame.CallError {

    String messageId();

    record Call(String messageId, String action, ObjectNode payload) implements OcppFrame {}

    record CallResult(String messageId, ObjectNode payload) implements OcppFrame {}

    record CallError(String messageId, ErrorCode code, String description, ObjectNode details) implements OcppFrame {}
}
