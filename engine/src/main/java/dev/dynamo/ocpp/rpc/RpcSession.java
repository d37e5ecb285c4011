package dev.dynamo.ocpp.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynamo.ocpp.rpc.OcppFrame.Call;
import dev.dynamo.ocpp.rpc.OcppFrame.CallError;
import dev.dynamo.ocpp.rpc.OcppFrame.CallResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OCPP-J connection's RPC state: our CALLs are sent one at a time (the rest wait in order) and
 * matched to their answers by message id, with a time-out; the peer's CALLs are handled one at a
 * time too, and each gets exactly one CALLRESULT or CALLERROR. While a peer's CALL is being handled,
 * our next CALL waits for its answer to be sent.
 */
public final class RpcSession {
    /** Handles a CALL from the peer; a stage failing with {@link RpcException} becomes that CALLERROR. */
    @FunctionalInterface
    public interface CallHandler {
        CompletionStage<ObjectNode> handle(Call call);
    }

    private static final Logger log = LoggerFactory.getLogger(RpcSession.class);
    /** Answer id for a frame whose own id could not be read (the convention of OCPP-J 2.0.1). */
    static final String UNKNOWN_ID = "-1";
    /** The peer's CALLs that may wait for the one being handled; more are refused (see {@link #refuse}). */
    static final int MOST_WAITING_CALLS = 32;

    private final FrameCodec codec;
    private final Consumer<String> sender;
    private final CallHandler handler;
    private final ScheduledExecutorService timer;
    private final Duration callTimeout;
    private final Supplier<String> messageIds;

    private final Object lock = new Object();
    private final Deque<Outgoing> outgoing = new ArrayDeque<>();
    private Outgoing inFlight;
    private final Deque<Call> incoming = new ArrayDeque<>();
    private boolean handlingIncoming;
    private boolean closed;

    public RpcSession(FrameCodec codec, Consumer<String> sender, CallHandler handler,
                      ScheduledExecutorService timer, Duration callTimeout, Supplier<String> messageIds) {
        this.codec = codec;
        this.sender = sender;
        this.handler = handler;
        this.timer = timer;
        this.callTimeout = callTimeout;
        this.messageIds = messageIds;
    }

    /** Sends a CALL once those before it are answered; completes with the CALLRESULT's payload. */
    public CompletableFuture<ObjectNode> call(String action, ObjectNode payload) {
        var call = new Call(messageIds.get(), action, payload);
        return enqueue(new Outgoing(call, codec.encode(call), new CompletableFuture<>()));
    }

    /**
     * As {@link #call(String, ObjectNode)}, for a payload written straight to JSON text (an object), into the frame's
     * own text: the hot path of charging profiles builds no JSON tree and copies no text. A CALL of the same
     * {@code replaceKey} still waiting unsent is dropped (it fails with {@link SupersededException}) and this one
     * takes its place: the queue holds at most one unsent CALL per key, so a burst of limits does not queue up stale
     * ones. {@code payloadLength}: about how long the payload's text is.
     */
    public CompletableFuture<ObjectNode> call(String action, int payloadLength, FrameCodec.PayloadJson payload, String replaceKey) {
        var id = messageIds.get();
        var out = new Outgoing(new Call(id, action, null), codec.encodeCall(id, action, payloadLength, payload), new CompletableFuture<>());
        out.replaceKey = replaceKey;
        return enqueue(out);
    }

    private CompletableFuture<ObjectNode> enqueue(Outgoing call) {
        Outgoing replaced = null;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new CancellationException("connection closed"));
            }
            if (call.replaceKey != null) {
                for (var it = outgoing.iterator(); it.hasNext(); ) {
                    var waiting = it.next();
                    if (call.replaceKey.equals(waiting.replaceKey)) {
                        it.remove();
                        replaced = waiting;
                        break;
                    }
                }
            }
            outgoing.addLast(call);
        }
        if (replaced != null) replaced.result.completeExceptionally(new SupersededException(replaced.call.action()));
        sendNextCall();
        return call.result;
    }

    /** Feeds one text frame received from the peer. */
    public void receive(String text) {
        OcppFrame frame;
        try {
            frame = codec.decode(text);
        } catch (RpcException e) {
            onUndecodable(e);
            return;
        }
        switch (frame) {
            case Call call -> enqueueIncoming(call);
            case CallResult result -> answer(result.messageId(), out -> out.result.complete(result.payload()));
            case CallError error -> answer(error.messageId(),
                    out -> out.result.completeExceptionally(new CallFailedException(error.code(), error.description())));
        }
    }

    /** Fails every CALL still waiting; later calls fail at once. */
    public void close() {
        var failed = new ArrayDeque<Outgoing>();
        synchronized (lock) {
            closed = true;
            if (inFlight != null) {
                failed.add(inFlight);
                inFlight = null;
            }
            failed.addAll(outgoing);
            outgoing.clear();
            incoming.clear();
        }
        failed.forEach(out -> {
            cancelTimeout(out);
            out.result.completeExceptionally(new CancellationException("connection closed"));
        });
    }

    private void onUndecodable(RpcException e) {
        var id = e.messageId();
        if (id != null) {
            // A broken answer to our own CALL fails that CALL; it is not answered.
            var matched = answer(id, out -> out.result.completeExceptionally(new CallFailedException(e.code(), e.getMessage())));
            if (matched) {
                return;
            }
        }
        log.debug("undecodable frame: {}", e.getMessage());
        send(new CallError(id == null ? UNKNOWN_ID : id, e.code(), e.getMessage(), codec.mapper().createObjectNode()));
    }

    private boolean answer(String messageId, Consumer<Outgoing> completion) {
        Outgoing answered;
        synchronized (lock) {
            if (inFlight == null || !inFlight.call.messageId().equals(messageId)) {
                log.debug("answer to unknown or timed-out message id {}", messageId);
                return false;
            }
            answered = inFlight;
            inFlight = null;
        }
        cancelTimeout(answered);
        completion.accept(answered);
        sendNextCall();
        return true;
    }

    private void sendNextCall() {
        Outgoing next;
        synchronized (lock) {
            // Our CALLs wait while we answer the peer: a StartTransaction.conf goes out before the
            // SetChargingProfile for that transaction.
            if (closed || inFlight != null || handlingIncoming || outgoing.isEmpty()) {
                return;
            }
            next = outgoing.removeFirst();
            inFlight = next;
            next.timeout = timer.schedule(() -> timeOut(next), callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        sendText(next.text);
    }

    private void timeOut(Outgoing out) {
        synchronized (lock) {
            if (inFlight != out) {
                return;
            }
            inFlight = null;
        }
        out.result.completeExceptionally(new TimeoutException(out.call.action() + " not answered within " + callTimeout));
        sendNextCall();
    }

    private void enqueueIncoming(Call call) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (incoming.size() >= MOST_WAITING_CALLS) {
                refuse(call);
                return;
            }
            incoming.addLast(call);
            if (handlingIncoming) {
                return;
            }
            handlingIncoming = true;
        }
        handleNextIncoming();
    }

    /**
     * A peer that sends CALLs without waiting for their answers (OCPP-J: it should not) while they wait for the
     * site: the ones beyond {@link #MOST_WAITING_CALLS} are answered at once with a CALLERROR, so its requests
     * cannot pile up in memory when they are read faster than handled.
     */
    private void refuse(Call call) {
        log.debug("{} CALLs waiting for their answers: {} refused", MOST_WAITING_CALLS, call.action());
        send(new CallError(call.messageId(), ErrorCode.GENERIC_ERROR, "too many CALLs waiting for their answers: at most "
                + MOST_WAITING_CALLS, codec.mapper().createObjectNode()));
    }

    private void handleNextIncoming() {
        Call call;
        synchronized (lock) {
            call = incoming.pollFirst();
            if (call == null) {
                handlingIncoming = false;
            }
        }
        if (call == null) {
            sendNextCall();
            return;
        }
        CompletionStage<ObjectNode> stage;
        try {
            stage = handler.handle(call);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((payload, failure) -> {
            send(failure == null ? new CallResult(call.messageId(), payload) : errorFor(call, failure));
            handleNextIncoming();
        });
    }

    private CallError errorFor(Call call, Throwable failure) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RpcException rpc) {
            return new CallError(call.messageId(), rpc.code(), rpc.getMessage(), codec.mapper().createObjectNode());
        }
        log.warn("{} failed", call.action(), cause);
        return new CallError(call.messageId(), ErrorCode.INTERNAL_ERROR, "internal error", codec.mapper().createObjectNode());
    }

    private void send(OcppFrame frame) {
        sendText(codec.encode(frame));
    }

    private void sendText(String text) {
        try {
            sender.accept(text);
        } catch (RuntimeException e) {
            log.debug("send failed: {}", e.toString());
        }
    }

    private static void cancelTimeout(Outgoing out) {
        var timeout = out.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private static final class Outgoing {
        final Call call;
        /** The frame as sent. */
        final String text;
        final CompletableFuture<ObjectNode> result;
        volatile ScheduledFuture<?> timeout;
        /** Calls of one key replace each other while unsent (null: never replaced). */
        String replaceKey;

        Outgoing(Call call, String text, CompletableFuture<ObjectNode> result) {
            this.call = call;
            this.text = text;
            this.result = result;
        }
    }
}
