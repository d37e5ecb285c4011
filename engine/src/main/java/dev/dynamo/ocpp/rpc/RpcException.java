package dev.dynamo.ocpp.rpc;

/** A failure that becomes a CALLERROR; {@code messageId} is null when it could not be read from the frame. */
public final class RpcException extends Exception {
    private final ErrorCode code;
    private final String messageId;

    public RpcException(ErrorCode code, String description) {
        this(code, description, null);
    }

    public RpcException(ErrorCode code, String description, String messageId) {
        super(description);
        this.code = code;
        this.messageId = messageId;
    }

    public ErrorCode code() { return code; }

    public String messageId() { return messageId; }
}
