package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescingWriterTest {
    /** What reached the socket: frames batched, and "flush" where it was flushed. */
    private final List<String> socket = new CopyOnWriteArrayList<>();

    private CoalescingWriter writer(CoalescingWriter.Transport transport) {
        return new CoalescingWriter(transport);
    }

    @Test
    void aFrameWithNoWritePendingGoesOutAtOnceOnTheCallersThread() {
        var writer = writer(new CoalescingWriter.Transport() {
            @Override public void batch(String text) { socket.add(text + " on " + Thread.currentThread().getName()); }
            @Override public void flush() { socket.add("flush"); }
        });
        writer.accept("frame");
        assertThat(socket).containsExactly("frame on " + Thread.currentThread().getName(), "flush");
    }

    @Test
    void framesQueuedByOtherThreadsWhileAWriteIsPendingGoOutTogetherInOrderWithOneFlush() throws Exception {
        var writing = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var writer = writer(new CoalescingWriter.Transport() {
            @Override public void batch(String text) {
                socket.add(text);
                if (text.equals("frame 1")) {
                    writing.countDown();
                    await(release);
                }
            }
            @Override public void flush() { socket.add("flush"); }
        });
        var first = Thread.ofPlatform().start(() -> writer.accept("frame 1"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        for (var i = 2; i <= 5; i++) writer.accept("frame " + i); // return at once: the pending write takes them
        assertThat(socket).containsExactly("frame 1");
        release.countDown();
        first.join(10_000);
        assertThat(socket).containsExactly("frame 1", "flush", "frame 2", "frame 3", "frame 4", "frame 5", "flush");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CoalescingWriter self;

    @Test
    void aFrameQueuedWhileItsOwnThreadWritesFollowsInOrder() {
        self = writer(new CoalescingWriter.Transport() {
            @Override public void batch(String text) {
                socket.add(text);
                if (text.equals("a")) self.accept("c"); // queued while the drain writes: no second writer may overtake it
            }
            @Override public void flush() { socket.add("flush"); }
        });
        self.accept("a");
        self.accept("b");
        assertThat(socket).containsExactly("a", "flush", "c", "flush", "b", "flush");
    }

    @Test
    void aFailingWriteDoesNotStopLaterFrames() {
        var failOnce = new boolean[] {true};
        var failing = writer(new CoalescingWriter.Transport() {
            @Override public void batch(String text) {
                if (failOnce[0]) {
                    failOnce[0] = false;
                    throw new IllegalStateException("socket closed");
                }
                socket.add(text);
            }
            @Override public void flush() { socket.add("flush"); }
        });
        failing.accept("lost");
        failing.accept("next");
        assertThat(socket).containsExactly("next", "flush");
    }
}
