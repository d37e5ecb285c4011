package dev.dynamo.console.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ChargerAllocation;
import dev.dynamo.console.client.History;
import dev.dynamo.console.client.HistoryInterval;
import dev.dynamo.console.client.HttpEngineClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DemoEngineTest {
    @Test
    void the_demo_engine_has_vehicles_charging_at_once_on_a_clock_that_runs_from_now() throws Exception {
        var before = Instant.now().minusSeconds(1);
        try (var engine = new EmbeddedEngineStarter(null).start()) {
            assertThat(engine.simulated()).isTrue();
            var api = new HttpEngineClient(engine.baseUri(), engine.apiKey());
            assertThat(api.sites()).extracting(s -> s.siteId()).containsExactly("demo-depot");
            var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            var allocation = api.allocation("demo-depot");
            // the last hours are played at once first; then the loop's new pass starts now
            while (allocation.allocations().size() < 5 || allocation.calculatedAt().isBefore(before)) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
                allocation = api.allocation("demo-depot");
            }
            assertThat(allocation.allocations()).filteredOn(a -> a.allocatedKw() > 0).hasSizeGreaterThanOrEqualTo(5);
            assertThat(allocation.allocations()).extracting(ChargerAllocation::chargePointId).allMatch(id -> id.startsWith("CP-"));
            // 1x: the demo's time is the desktop's
            assertThat(allocation.calculatedAt()).isBetween(before, Instant.now().plusSeconds(1));
        }
    }

    @Test
    void the_demo_opens_with_the_last_two_hours_of_history_already_played() throws Exception {
        var before = Instant.now().minusSeconds(1);
        try (var engine = new EmbeddedEngineStarter(null).start()) {
            var api = new HttpEngineClient(engine.baseUri(), engine.apiKey());
            var from = before.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            History history;
            do {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(100); // decisions reach the history store in batches
                history = api.history("demo-depot", from, before, HistoryInterval.MIN_15);
            } while (history.buckets().stream().filter(b -> b.avgAllocatedKw() > 0).count() < 7);
            // charging all along the two hours, not only at their end
            assertThat(history.buckets().getFirst().start()).isBefore(before.minus(Duration.ofMinutes(105)));
            assertThat(history.buckets().getFirst().avgAllocatedKw()).isPositive();
        }
    }
}
