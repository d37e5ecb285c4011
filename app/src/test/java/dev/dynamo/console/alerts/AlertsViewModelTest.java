package dev.dynamo.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.OperatorEngine;
import dev.dynamo.console.watch.Alert;
import dev.dynamo.console.watch.AlertKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsViewModelTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AlertsViewModel model = new AlertsViewModel(new SameThreadBackground(), clock);

    private static Alert offline(String cp) {
        return new Alert(AlertKind.OFFLINE_WITH_RESERVATION, cp, cp + " is offline", null);
    }

    @Test
    void a_new_alert_is_announced_once_counted_until_acknowledged_and_kept_an_hour_after_it_clears() {
        var announced = new ArrayList<List<Alert>>();
        model.arrivedProperty().addListener((_, _, arrived) -> announced.add(arrived));

        model.update(List.of(offline("CP-1")));
        clock.advance(Duration.ofSeconds(2));
        model.update(List.of(offline("CP-1")));

        assertThat(announced).containsExactly(List.of(offline("CP-1")));
        assertThat(model.entries()).singleElement().satisfies(e -> {
            assertThat(e.open()).isTrue();
            assertThat(e.since()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        });
        assertThat(model.openCountProperty().get()).isEqualTo(1);

        model.acknowledge(model.entries().getFirst());
        assertThat(model.openCountProperty().get()).isZero();
        assertThat(model.entries().getFirst().acknowledged()).isTrue();

        clock.advance(Duration.ofSeconds(10));
        model.update(List.of());
        assertThat(model.entries()).singleElement().satisfies(e -> {
            assertThat(e.open()).isFalse();
            assertThat(e.clearedAt()).isEqualTo(Instant.parse("2026-11-24T10:00:12Z"));
        });

        clock.advance(Duration.ofMinutes(61));
        model.update(List.of());
        assertThat(model.entries()).isEmpty();
    }

    @Test
    void an_alert_that_returns_after_clearing_is_new_again_and_unacknowledged() {
        model.update(List.of(offline("CP-1")));
        model.acknowledgeAll();
        model.update(List.of());
        clock.advance(Duration.ofMinutes(1));

        model.update(List.of(offline("CP-1"), offline("CP-2")));

        assertThat(model.openCountProperty().get()).isEqualTo(2);
        assertThat(model.entries()).extracting(e -> e.alert().subject() + " " + e.open()).contains("CP-1 true", "CP-2 true");
        assertThat(model.arrivedProperty().get()).extracting(Alert::subject).containsExactly("CP-1", "CP-2");
    }

    @Test
    void a_full_breaker_on_a_real_engine_raises_an_alert_that_clears_when_its_row_empties() throws Exception {
        try (var engine = new OperatorEngine()) {
            engine.yard(100, "Y-1", "Y-2", "Y-3");
            var background = new SameThreadBackground();
            var live = new AlertsViewModel(background, Clock.systemUTC());
            live.attach(engine.connect(OperatorEngine.YARD));

            background.tick();

            assertThat(live.entries()).extracting(e -> e.alert().key()).containsExactly("BREAKER_NEAR_LIMIT:row-1");
            assertThat(live.entries().getFirst().alert().message()).contains("Breaker row-1").contains("of 32 A");

            // one charger alone draws 31.9 A of 32: still near; none on the row clears it
            for (var cp : List.of("Y-1", "Y-2", "Y-3")) engine.api.stopSession(OperatorEngine.YARD, cp);
            engine.api.startSession(OperatorEngine.YARD, "Y-4", null);
            background.tick();

            assertThat(live.entries()).singleElement().satisfies(e -> assertThat(e.open()).isFalse());
            assertThat(live.openCountProperty().get()).isZero();
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) { now = start; }

        void advance(Duration by) { now = now.plus(by); }

        @Override
        public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
    }
}
