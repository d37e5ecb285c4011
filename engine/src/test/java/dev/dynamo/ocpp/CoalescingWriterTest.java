package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescingWriterTest {
    /** What reached the socket: frames batched, and "flush" where it was flushed. */
    private final List<String> socket = new ArrayList<>();
    private final List<Runnable> writes = new ArrayList<>();
    private final CoalescingWriter writer = new CoalescingWriter(new CoalescingWriter.Transport() {
        @Override public void batch(String text) { socket.add(text); }
        @Override public void flush() { socket.add("flush"); }
    }, writes::add);

    private void runWrites() {
        while (!writes.isEmpty()) writes.removeFirst().run();
    }

    @Test
    void aBurstGoesOutInOrderWithOneFlush() {
        for (var i = 1; i <= 5; i++) writer.accept("frame " + i);
        assertThat(socket).isEmpty(); // nothing written before the drain runs
        assertThat(writes).hasSize(1); // one drain queued for the whole burst
        runWrites();
        assertThat(socket).containsExactly("frame 1", "frame 2", "frame 3", "frame 4", "frame 5", "flush");
    }

    @Test
    void framesQueuedWhileADrainWritesFollowInOrderWithoutASecondDrain() {
        var reentrant = new CoalescingWriter(new CoalescingWriter.Transport() {
            @Override public void batch(String text) {
                socket.add(text);
                if (text.equals("a")) writerAccept("c"); // queued while the drain writes
            }
            @Override public void flush() { socket.add("flush"); }
        }, writes::add);
        self = reentrant;
        reentrant.accept("a");
        reentrant.accept("b");
        runWrites();
        assertThat(socket).containsExactly("a", "b", "flush", "c", "flush");
    }

    private CoalescingWriter self;

    private void writerAccept(String text) {
        self.accept(text);
        assertThat(writes).isEmpty(); // the running drain takes it: no second drain may overtake it
    }

    @Test
    void aFailingWriteDoesNotStopLaterFrames() {
        var failOnce = new boolean[] {true};
        var failing = new CoalescingWriter(new CoalescingWriter.Transport() {
            @Override public void batch(String text) {
                if (failOnce[0]) {
                    failOnce[0] = false;
                    throw new IllegalStateException("socket closed");
                }
                socket.add(text);
            }
            @Override public void flush() { socket.add("flush"); }
        }, writes::add);
        failing.accept("lost");
        runWrites();
        failing.accept("next");
        runWrites();
        assertThat(socket).containsExactly("next", "flush");
    }
}
