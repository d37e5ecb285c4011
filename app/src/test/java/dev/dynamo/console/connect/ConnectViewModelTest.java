package dev.dynamo.console.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.HttpEngineClient;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.FakeEngine;
import dev.dynamo.console.testengine.TestSites;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectViewModelTest {
    private FakeEngine engine;
    private ConnectionSettings settings;

    @BeforeEach
    void start() throws Exception {
        engine = TestSites.threeChargers();
        settings = ConnectionSettings.inMemory(new ConnectionSettings.Saved("http://127.0.0.1:1", "", false, null));
    }

    @AfterEach
    void stop() { engine.close(); }

    private final SameThreadBackground background = new SameThreadBackground();

    private ConnectViewModel model() {
        return new ConnectViewModel(background, settings, () -> new RunningEngine() {
            @Override
            public URI baseUri() { return engine.baseUri(); }

            @Override
            public String apiKey() { return "key"; }

            @Override
            public void close() {}
        }, HttpEngineClient::new);
    }

    @Test
    void connecting_to_a_url_lists_sites_and_opens_the_first() {
        var model = model();
        model.engineUrlProperty().set(engine.baseUri().toString());
        model.apiKeyProperty().set("key");

        model.connect();

        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(model.sites()).hasSize(1);
        assertThat(model.connectedProperty().get().siteId()).isEqualTo(FakeEngine.SITE_ID);
        assertThat(model.connectedProperty().get().demo()).isFalse();
        assertThat(model.engineVersionProperty().get()).isEqualTo("fake-1");
        assertThat(settings.load().engineUrl()).isEqualTo(engine.baseUri().toString());
        assertThat(settings.load().siteId()).isEqualTo(FakeEngine.SITE_ID);
    }

    @Test
    void a_failed_connection_shows_the_error_and_a_retry_can_succeed() {
        var model = model();
        model.apiKeyProperty().set("wrong");
        model.engineUrlProperty().set(engine.baseUri().toString());

        model.connect();

        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.FAILED);
        assertThat(model.errorProperty().get()).contains("401");
        assertThat(model.connectedProperty().get()).isNull();

        model.apiKeyProperty().set("key");
        model.connect();

        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(model.errorProperty().get()).isNull();
    }

    @Test
    void a_malformed_url_is_an_error_in_the_window_not_an_exception() {
        var model = model();
        model.engineUrlProperty().set("not a url");

        model.connect();

        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.FAILED);
        assertThat(model.errorProperty().get()).contains("Not a valid engine URL");
    }

    @Test
    void the_embedded_demo_gets_a_config_and_live_sessions() {
        var model = model();
        model.embeddedProperty().set(true);

        model.connect();

        var connected = model.connectedProperty().get();
        assertThat(connected.demo()).isTrue();
        assertThat(engine.storedConfig()).isNotNull();
        assertThat(connected.api().allocation(connected.siteId()).allocations()).hasSize(3);
        // each demo session is given a need and a departure (contract 10)
        assertThat(engine.requests()).filteredOn(r -> r.startsWith("PATCH")).hasSize(3)
                .allMatch(r -> r.contains("\"energy_needed_kwh\":") && r.contains("\"departure_at\":\""));
    }

}
