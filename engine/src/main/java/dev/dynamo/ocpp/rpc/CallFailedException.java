package dev.dynamo.ocpp.rpc;

/** Our CALL was answered with a CALLERROR. */
public final class CallFailedException extends RuntimeException {
    private final ErrorCode code;

    public CallFailedException(ErrorCode code, String description) {
        super(code.wireName() + ": " + description);
        this.code = code;
    }

    public ErrorCode code() { return code; }
}
