package dev.dynamo.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Charger;
import dev.dynamo.console.client.Circuit;
import dev.dynamo.console.client.CircuitLoad;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.OperatorEngine;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhyViewModelTest {

    @Test
    void limited_by_is_put_in_words() {
        assertThat(WhyText.limitedBy("limit:row-1:L2", "charger")).isEqualTo("Breaker row-1 is full on L2");
        assertThat(WhyText.limitedBy("limit:grid:L1", "charger")).isEqualTo("The grid connection is full on L1");
        assertThat(WhyText.limitedBy("cap", "vehicle")).isEqualTo("It gets its cap: what the vehicle accepts");
        assertThat(WhyText.limitedBy("cap", "phases")).isEqualTo("It gets its cap: one phase of a 3-phase charger");
        assertThat(WhyText.limitedBy("budget", "charger")).isEqualTo("The site budget is spent");
        assertThat(WhyText.limitedBy("floor", "charger")).isEqualTo("Queued: no floor fits in what is left");
        assertThat(WhyText.limitedBy("reservation", "charger")).isEqualTo("Its own limit is held through a comm loss");
        assertThat(WhyText.limitedBy(null, "charger")).contains("does not say");
    }

    @Test
    void the_path_runs_from_the_chargers_circuit_up_to_the_grid_connection_with_each_load() {
        var charger = new Charger("CP-1", 22, 3, 230, "W", false, null, "row-1", null);
        var circuits = List.of(new Circuit("feeder", null, 100), new Circuit("row-1", "feeder", 32));
        var loads = List.of(new CircuitLoad("grid", 400, Map.of("L1", 60.0, "L2", 60.0, "L3", 60.0)),
                new CircuitLoad("feeder", 100, Map.of("L1", 60.0, "L2", 60.0, "L3", 60.0)),
                new CircuitLoad("row-1", 32, Map.of("L1", 32.0, "L2", 32.0, "L3", 20.0)));

        var path = WhyText.path(charger, circuits, loads);

        assertThat(path).extracting(WhyText.PathStep::text).containsExactly(
                "row-1 (32 A): L1 32.0 A · L2 32.0 A · L3 20.0 A — full",
                "feeder (100 A): L1 60.0 A · L2 60.0 A · L3 60.0 A",
                "grid connection (400 A): L1 60.0 A · L2 60.0 A · L3 60.0 A");
    }

    @Test
    void selecting_a_charger_on_a_real_engine_shows_its_share_path_session_and_recent_decisions() throws Exception {
        try (var engine = new OperatorEngine()) {
            engine.yard(100, "Y-1", "Y-2", "Y-3");
            var background = new SameThreadBackground();
            var live = new LiveViewModel(background, Clock.systemUTC());
            live.attach(engine.connect(OperatorEngine.YARD));
            background.tick();

            live.why().select("Y-2");

            var why = live.why();
            assertThat(why.selectedProperty().get()).isEqualTo("Y-2");
            assertThat(why.shareProperty().get()).startsWith("7.4 kW, charging").contains("cap 22.0 kW (the charger's rating)");
            assertThat(why.path()).singleElement().asString().startsWith("row-1 (32 A):").endsWith("— full");
            assertThat(why.sessionProperty().get()).startsWith("Started ");
            assertThat(why.decisions()).isNotEmpty();
            assertThat(why.decisions().getFirst()).contains("session_start").contains("7.4 kW charging");
            assertThat(why.headlineProperty().get()).isNotBlank();

            why.close();
            assertThat(why.selectedProperty().get()).isNull();
        }
    }
}
