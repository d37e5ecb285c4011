package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescingWriterTest {
    /** What reached the socket: "send x" for a frame written alone, frames batched, and "flush" where they were flushed. */
    private final List<String> socket = new CopyOnWriteArrayList<>();

    /** Records what it is asked to write; {@link #written} is called for each frame, sent or batched. */
    private abstract class Recording implements CoalescingWriter.Transport {
        @Override public void send(String text) {
            written(text);
            socket.add("send " + text);
        }

        @Override public void batch(String text) {
            written(text);
            socket.add(text);
        }

        @Override public void flush() { socket.add("flush"); }

        void written(String text) {}
    }

    @Test
    void aFrameWithNoWritePendingGoesOutAtOnceOnTheCallersThread() {
        var writer = new CoalescingWriter(new Recording() {
            @Override void written(String text) { socket.add("on " + Thread.currentThread().getName()); }
        });
        writer.accept("frame");
        assertThat(socket).containsExactly("on " + Thread.currentThread().getName(), "send frame");
    }

    @Test
    void framesQueuedByOtherThreadsWhileAWriteIsPendingGoOutTogetherInOrderWithOneFlush() throws Exception {
        var writing = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var writer = new CoalescingWriter(new Recording() {
            @Override void written(String text) {
                if (text.equals("frame 1")) {
                    writing.countDown();
                    await(release);
                }
            }
        });
        var first = Thread.ofPlatform().start(() -> writer.accept("frame 1"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        for (var i = 2; i <= 5; i++) writer.accept("frame " + i); // return at once: the pending write takes them
        assertThat(socket).isEmpty();
        release.countDown();
        first.join(10_000);
        assertThat(socket).containsExactly("send frame 1", "frame 2", "frame 3", "frame 4", "frame 5", "flush");
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
        self = new CoalescingWriter(new Recording() {
            @Override void written(String text) {
                if (text.equals("a")) self.accept("c"); // queued while the drain writes: no second writer may overtake it
            }
        });
        self.accept("a");
        self.accept("b");
        assertThat(socket).containsExactly("send a", "send c", "send b");
    }

    @Test
    void aFailingWriteDoesNotStopLaterFrames() {
        var failOnce = new boolean[] {true};
        var failing = new CoalescingWriter(new Recording() {
            @Override void written(String text) {
                if (failOnce[0]) {
                    failOnce[0] = false;
                    throw new IllegalStateException("socket closed");
                }
            }
        });
        failing.accept("lost");
        failing.accept("next");
        assertThat(socket).containsExactly("send next");
    }
}
