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
    void ten_thousand_sites_cost_no_ten_thousand_platform_threads() {
        var platformThreads = java.lang.management.ManagementFactory.getThreadMXBean();
        var before = platformThreads.getThreadCount();
        var executors = new java.util.ArrayList<SiteExecutor>();
        try {
            for (int i = 0; i < 10_000; i++) {
                var executor = new SiteExecutor("s" + i);
                executors.add(executor);
                executor.call(() -> null); // its thread exists and waits for the next event
            }
            // the carrier threads of the virtual threads, a few at most
            assertThat(platformThreads.getThreadCount() - before).isLessThan(50);
        } finally {
            executors.forEach(SiteExecutor::shutdown);
        }
    }

    @Test
    void sites_run_on_virtual_threads() {
        try (var executor = new SiteExecutor("virtual")) {
            assertThat(executor.call(() -> Thread.currentThread().isVirtual())).isTrue();
        }
    }
}
