package dev.dynamo.console.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;

class PollTest {
    /** Holds submitted work until the test lets it end, so a fetch can be still running. */
    private static final class HeldBackground implements Background {
        final List<Runnable> ends = new ArrayList<>();
        final List<Job> ticking = new ArrayList<>();

        @Override
        public <T> Job submit(Work<T> work, DoubleConsumer onProgress, Consumer<? super T> onDone,
                              Consumer<? super Throwable> onFail) {
            ends.add(() -> {
                try {
                    onDone.accept(work.run(new JobContext() {
                        @Override
                        public void progress(double fraction) {}

                        @Override
                        public boolean cancelled() { return false; }
                    }));
                } catch (Exception failure) {
                    onFail.accept(failure);
                }
            });
            return Job.DONE;
        }

        @Override
        public Job every(Duration period, Runnable tick) {
            var job = new Job() {
                boolean cancelled;

                @Override
                public void cancel() { cancelled = true; }

                @Override
                public boolean cancelled() { return cancelled; }
            };
            ticking.add(job);
            return job;
        }

        void endNext() {
            ends.removeFirst().run();
        }

        long ticksRunning() {
            return ticking.stream().filter(job -> !job.cancelled()).count();
        }
    }

    private final HeldBackground background = new HeldBackground();
    private final List<String> done = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final Poll<String> poll = new Poll<>(background, Duration.ofSeconds(1), () -> {});

    private void fetch() {
        poll.fetch(site -> () -> "answer for " + site, done::add, failure -> failed.add(failure.getMessage()));
    }

    @Test
    void nothing_is_fetched_before_a_site_is_attached() {
        fetch();

        assertThat(background.ends).isEmpty();
    }

    @Test
    void a_fetch_while_the_previous_one_runs_is_skipped() {
        poll.attach("north");
        fetch();
        fetch();

        assertThat(background.ends).hasSize(1);
        background.endNext();
        fetch();
        assertThat(background.ends).hasSize(1);
        assertThat(done).containsExactly("answer for north");
    }

    @Test
    void the_answer_for_a_site_no_longer_shown_is_dropped_and_its_failure_too() {
        poll.attach("north");
        fetch();
        poll.attach("south");
        background.endNext();

        poll.<String>fetch(site -> () -> { throw new IllegalStateException("down"); }, done::add,
                failure -> failed.add(failure.getMessage()));
        poll.attach("west");
        background.endNext();

        assertThat(done).isEmpty();
        assertThat(failed).isEmpty();
        fetch();
        background.endNext();
        assertThat(done).containsExactly("answer for west");
    }

    @Test
    void ticks_run_only_while_wanted_and_for_one_site_at_a_time() {
        poll.attach("north");
        poll.attach("south");
        assertThat(background.ticksRunning()).isEqualTo(1);

        poll.wanted(false);
        assertThat(background.ticksRunning()).isZero();
        poll.attach("west");
        assertThat(background.ticksRunning()).isZero();

        poll.wanted(true);
        assertThat(background.ticksRunning()).isEqualTo(1);
        assertThat(poll.target()).isEqualTo("west");
    }
}
