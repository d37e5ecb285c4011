package dev.dynamo.ocpp.rpc;

import java.util.concurrent.CancellationException;

/** Our CALL was never sent: a newer one of the same kind took its place in the queue. */
public final class SupersededException extends CancellationException {
    public SupersededException(String action) {
        super(action + " replaced by a newer one before it was sent");
    }

    /** An expected outcome, made whenever a newer TxProfile replaces a queued one: its stack says nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
