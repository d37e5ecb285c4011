package dev.dynamo.ocpp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's outgoing text frames, coalesced: the frames queued while a write is pending (a burst of
 * decisions, an answer and the next CALL) go to the socket together, in order, batched with one flush,
 * instead of one write each. Thread-safe. The thread that finds no write pending writes at once, itself (the
 * socket's writes do not block: Jetty queues what the socket does not take), and takes with it whatever other
 * threads queue meanwhile; there is no hand-off to another thread per frame.
 */
final class CoalescingWriter implements Consumer<String> {
    private static final Logger log = LoggerFactory.getLogger(CoalescingWriter.class);
    /** Where frames go: one alone at once; several added to the socket's batch, then flushed. */
    interface Transport {
        /** Writes one frame at once. */
        void send(String text);

        void batch(String text);

        void flush();
    }

    private final Transport transport;
    private final Object lock = new Object();
    private List<String> pending = new ArrayList<>();
    /** The list the drain last wrote, emptied: the next one to queue in (two lists in turn, none made per frame). */
    private List<String> spare = new ArrayList<>();
    /** A thread is writing: frames queued meanwhile are its to write. */
    private boolean draining;

    CoalescingWriter(Transport transport) {
        this.transport = transport;
    }

    /** Frames to a Jetty session: batched on its core session when it has one, else sent one by one. */
    static Transport jetty(Session session) {
        if (session instanceof WebSocketSession jetty) {
            var core = jetty.getCoreSession();
            return new Transport() {
                @Override public void send(String text) {
                    core.sendFrame(new Frame(OpCode.TEXT, text), org.eclipse.jetty.util.Callback.NOOP, false);
                }

                @Override public void batch(String text) {
                    core.sendFrame(new Frame(OpCode.TEXT, text), org.eclipse.jetty.util.Callback.NOOP, true);
                }

                @Override public void flush() {
                    core.flush(org.eclipse.jetty.util.Callback.NOOP);
                }
            };
        }
        log.warn("WebSocket session {} is not Jetty's: frames are sent one by one", session.getClass().getName());
        return new Transport() {
            @Override public void send(String text) {
                session.sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }

            @Override public void batch(String text) {
                send(text);
            }

            @Override public void flush() {}
        };
    }

    @Override
    public void accept(String text) {
        synchronized (lock) {
            pending.add(text);
            if (draining) return;
            draining = true;
        }
        drain();
    }

    /** Writes until nothing is pending; only one drain runs at a time, so the frames keep their order. */
    private void drain() {
        List<String> written = null;
        while (true) {
            List<String> frames;
            synchronized (lock) {
                if (written != null) spare = written;
                if (pending.isEmpty()) {
                    draining = false;
                    return;
                }
                frames = pending;
                pending = spare;
            }
            try {
                if (frames.size() == 1) {
                    // most often (one CALL in flight per charger): one pass through Jetty's flusher, not a batch and a flush
                    transport.send(frames.getFirst());
                } else {
                    frames.forEach(transport::batch);
                    transport.flush();
                }
            } catch (RuntimeException e) {
                // the socket is failing: Jetty closes it, and the connection's close fails what waits
                log.debug("write failed: {}", e.toString());
            }
            frames.clear();
            written = frames;
        }
    }
}
