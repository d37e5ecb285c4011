package dev.dynamo.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.Stores;
import dev.dynamo.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void a_pass_deletes_every_decision_older_than_the_retention_and_keeps_the_rest() {
        try (var store = Stores.open(null, dir)) {
            store.putSite("depot", "{}");
            var decisions = new ArrayList<DecisionRecord>();
            // one a day for 500 days up to now
            for (var day = 500; day > 0; day--) {
                decisions.add(new DecisionRecord("depot", NOW.minus(Duration.ofDays(day)), "manual", "equal", 100, day, List.of()));
            }
            store.appendDecisions(decisions);

            try (var retention = new DecisionRetention(store, new ManualClock(NOW), Duration.ofDays(400), () -> List.of("depot"))) {
                assertThat(retention.pass()).isEqualTo(100);
                assertThat(retention.pass()).isZero();
            }

            var kept = store.latestDecisions("depot", Instant.EPOCH, NOW, 1_000);
            assertThat(kept).hasSize(400);
            assertThat(kept.getLast().decidedAt()).isEqualTo(NOW.minus(Duration.ofDays(400)));
        }
    }
}
