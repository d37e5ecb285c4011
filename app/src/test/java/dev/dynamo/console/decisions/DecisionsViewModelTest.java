package dev.dynamo.console.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Decision;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.OperatorEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionsViewModelTest {

    private static Decision decision(String at, String trigger, double budgetKw, Decision.Share... shares) {
        return new Decision(Instant.parse(at), trigger, "equal", budgetKw, 0, List.of(shares), null);
    }

    @Test
    void each_decision_says_what_changed_from_the_one_before() {
        var newestFirst = List.of(
                decision("2026-11-24T10:02:00Z", "config", 30, new Decision.Share("CP-1", 15, "charging"),
                        new Decision.Share("CP-2", 15, "charging")),
                decision("2026-11-24T10:01:00Z", "session_start", 50, new Decision.Share("CP-1", 22, "charging"),
                        new Decision.Share("CP-2", 22, "charging")),
                decision("2026-11-24T10:00:00Z", "session_start", 50, new Decision.Share("CP-1", 22, "charging"),
                        new Decision.Share("CP-3", 7, "charging")));

        var rows = DecisionRow.of(newestFirst);

        assertThat(rows.get(0).changesText()).isEqualTo("budget 50.0 kW → 30.0 kW; CP-1 22.0 kW → 15.0 kW; CP-2 22.0 kW → 15.0 kW");
        assertThat(rows.get(1).changesText()).isEqualTo("CP-2 new 22.0 kW; CP-3 gone");
        assertThat(rows.get(2).changesText()).isEqualTo("first in range");
        var same = DecisionRow.of(List.of(
                decision("2026-11-24T10:05:00Z", "rotation", 50, new Decision.Share("CP-1", 22, "charging")),
                decision("2026-11-24T10:04:00Z", "manual", 50, new Decision.Share("CP-1", 22.01, "charging"))));
        assertThat(same.getFirst().changesText()).isEqualTo("no change");
        assertThat(rows.get(1).concerns("CP-3")).isTrue();
        assertThat(rows.get(0).concerns("CP-3")).isFalse();
    }

    @Test
    void the_audit_of_a_real_engine_filters_by_trigger_and_charger() throws Exception {
        try (var engine = new OperatorEngine()) {
            engine.yard(100, "Y-1", "Y-4");
            engine.api.stopSession(OperatorEngine.YARD, "Y-1");
            var model = new DecisionsViewModel(new SameThreadBackground(), Clock.systemUTC());

            model.attach(engine.connect(OperatorEngine.YARD));

            model.load();

            assertThat(model.rows()).extracting(DecisionRow::trigger)
                    .containsExactly("session_stop", "session_start", "session_start", "config");
            assertThat(model.statusProperty().get()).isEqualTo("4 of 4 decisions");
            assertThat(model.chargers()).containsExactly("all", "Y-1", "Y-2", "Y-3", "Y-4");

            model.triggerProperty().set("session_start");
            assertThat(model.rows()).extracting(DecisionRow::trigger).containsExactly("session_start", "session_start");
            assertThat(model.rows().getFirst().changesText()).isEqualTo("Y-4 new 11.0 kW");

            model.triggerProperty().set(DecisionsViewModel.ALL);
            model.chargerProperty().set("Y-4");
            assertThat(model.rows()).extracting(DecisionRow::trigger).containsExactly("session_stop", "session_start");
            assertThat(model.rows().getFirst().changesText()).isEqualTo("Y-1 gone");
        }
    }
}
