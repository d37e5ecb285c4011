package dev.dynamo.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.HttpEngineClient;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.console.embedded.EmbeddedEngineStarter;
import dev.dynamo.console.task.SameThreadBackground;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Live view-model against the real engine, in-process, on the shipped depot site with circuits. */
class LiveCircuitsEmbeddedTest {
    private static final Path DEPOT = Path.of("..", "resources", "sites", "depot-with-circuits.json");
    private RunningEngine engine;

    @AfterEach
    void stop() { if (engine != null) engine.close(); }

    @Test
    void a_full_breaker_row_shows_near_its_limit_in_the_tree_and_a_quiet_one_does_not() throws Exception {
        engine = new EmbeddedEngineStarter(DEPOT).start();
        var api = new HttpEngineClient(engine.baseUri(), engine.apiKey());
        api.putConfig("depot", new ConfigRequest(200, "equal", null, List.of(), List.of(), null, null));
        // four 22 kW chargers on row-1 want ~127 A per phase through a 32 A breaker
        for (var cp : List.of("CP-101", "CP-102", "CP-103", "CP-104")) api.startSession("depot", cp, null);
        var background = new SameThreadBackground();
        var model = new LiveViewModel(background);
        model.attach(new ConnectedSite(api, api.site("depot"), "embedded", false));

        background.tick();

        var rows = model.circuitRows();
        assertThat(rows).extracting(CircuitRow::circuitId).containsExactly("grid", "feeder-A", "row-1", "row-2");
        assertThat(rows).extracting(CircuitRow::depth).containsExactly(0, 1, 2, 2);
        var row1 = rows.get(2);
        assertThat(row1.maxCurrentA()).isEqualTo(32.0);
        assertThat(row1.phases()).allSatisfy(p -> assertThat(p.currentA()).isLessThanOrEqualTo(32.0 + 1e-6));
        assertThat(row1.nearLimit()).isTrue();
        assertThat(rows.get(3).nearLimit()).isFalse();
        assertThat(rows.get(0).nearLimit()).isFalse();
        assertThat(model.gauges()).hasSize(4);
    }
}
