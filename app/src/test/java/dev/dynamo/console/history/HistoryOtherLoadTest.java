package dev.dynamo.console.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.HttpEngineClient;
import dev.dynamo.console.embedded.EmbeddedEngineStarter;
import dev.dynamo.console.task.SameThreadBackground;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a grid meter read (contract 9), History stacks the other load beneath the chargers. */
class HistoryOtherLoadTest {

    @Test
    void a_read_grid_meter_puts_the_other_load_beneath_the_chargers() throws Exception {
        var office = Path.of("..", "resources", "sites", "depot-with-grid-meter.json");
        try (var running = new EmbeddedEngineStarter(office).start()) {
            var api = new HttpEngineClient(running.baseUri(), running.apiKey());
            api.putConfig("office", new ConfigRequest(100, "equal", null, List.of(), List.of(), null, null));
            var reading = HttpRequest.newBuilder(running.baseUri().resolve("/api/v1/sites/office/meters/main/readings"))
                    .header("Authorization", "Bearer " + running.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"power_kw\": 40}")).build();
            var answer = HttpClient.newHttpClient().send(reading, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
            var model = new HistoryViewModel(new SameThreadBackground(), Clock.systemUTC());
            model.attach(new ConnectedSite(api, api.site("office"), "embedded", false));
            model.rangeProperty().set(RangeChoice.LAST_HOUR);

            model.load();

            var table = model.tableProperty().get();
            assertThat(table.otherLoadKw()).isNotNull();
            var stacked = StackedHistory.of(table);
            assertThat(stacked.layers().getFirst().name()).isEqualTo(StackedHistory.OTHER_LOAD);
            assertThat(stacked.layers().getFirst().kw()[stacked.size() - 1]).isGreaterThan(0);
        }
    }
}
