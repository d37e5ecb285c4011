package dev.dynamo.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SiteExecutorTest {

    @Test
    void a_request_behind_a_held_up_site_gets_busy_within_the_wait_and_never_runs() throws Exception {
        try (var executor = new SiteExecutor("held", Duration.ofMillis(200))) {
            var release = new CountDownLatch(1);
            var holding = new CountDownLatch(1);
            var holder = Thread.ofPlatform().start(() -> executor.call(() -> {
                holding.countDown();
                release.await();
                return null;
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            var ran = new AtomicBoolean();

            var started = System.nanoTime();
            assertThatThrownBy(() -> executor.call(() -> ran.getAndSet(true))).isInstanceOf(SiteBusyException.class)
                    .hasMessageContaining("nothing was changed");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            release.countDown();
            holder.join();
            executor.call(() -> null); // everything queued before this has run (or been skipped)
            assertThat(ran).isFalse();
        }
    }

    @Test
    void a_task_that_started_is_waited_for_to_its_end() {
        try (var executor = new SiteExecutor("slow", Duration.ofMillis(50))) {
            var result = executor.call(() -> {
                Thread.sleep(300); // longer than the wait to start: what it did must be answered
                return "done";
            });
            assertThat(result).isEqualTo("done");
        }
    }

    @Test
    void sites_run_on_virtual_threads() {
        try (var executor = new SiteExecutor("virtual")) {
            assertThat(executor.call(() -> Thread.currentThread().isVirtual())).isTrue();
        }
    }
}
