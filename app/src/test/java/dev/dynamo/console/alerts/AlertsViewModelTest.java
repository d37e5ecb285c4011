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
        model.arrivedProperty().addListener((_, _, arrived) -> announced.add(arrived.stream().map(AlertEntry::alert).toList()));

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
        assertThat(model.arrivedProperty().get()).extracting(e -> e.alert().subject()).containsExactly("CP-1", "CP-2");
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

    @Test
    void a_meter_never_read_and_an_external_limit_in_force_on_a_real_engine_are_alerts() throws Exception {
        var office = java.nio.file.Path.of("..", "resources", "sites", "depot-with-grid-meter.json");
        try (var running = new dev.dynamo.console.embedded.EmbeddedEngineStarter(office).start()) {
            var api = new dev.dynamo.console.client.HttpEngineClient(running.baseUri(), running.apiKey());
            api.putConfig("office", new dev.dynamo.console.client.ConfigRequest(100, "equal", null, List.of(), List.of(), null, null));
            var limit = java.net.http.HttpRequest.newBuilder(running.baseUri().resolve("/api/v1/sites/office/limits/dso"))
                    .header("Authorization", "Bearer " + running.apiKey()).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"max_power_kw\": 20, \"reason\": \"curtailment\"}"))
                    .build();
            var answer = java.net.http.HttpClient.newHttpClient().send(limit, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            var background = new SameThreadBackground();
            var alerts = new AlertsViewModel(background, Clock.systemUTC());
            alerts.attach(new dev.dynamo.console.client.ConnectedSite(api, api.site("office"), "embedded", false));

            background.tick();

            assertThat(alerts.entries()).extracting(e -> e.alert().key())
                    .contains("STALE_METER:main", "STALE_METER:garage-meter", "EXTERNAL_LIMIT:dso");
            assertThat(alerts.entries()).filteredOn(e -> e.alert().key().equals("EXTERNAL_LIMIT:dso"))
                    .singleElement().satisfies(e -> assertThat(e.alert().message()).contains("20.0 kW"));
        }
    }

    @Test
    void a_charger_that_refuses_its_limit_over_ocpp_is_an_alert() throws Exception {
        try (var engine = new OperatorEngine();
             var charger = new dev.dynamo.console.testengine.OcppTestCharger(engine.engine.baseUri(), "Y-4")) {
            engine.yard(100);
            charger.rejectProfiles();
            charger.connect();
            charger.boot();
            charger.startTransaction();
            var background = new SameThreadBackground();
            var alerts = new AlertsViewModel(background, Clock.systemUTC());
            alerts.attach(engine.connect(OperatorEngine.YARD));

            // the engine sends the TxProfile within a second of the start; its rejection is shown at once
            var deadline = Instant.now().plusSeconds(20);
            while (alerts.entries().stream().noneMatch(e -> e.alert().key().equals("LIMIT_REFUSED:Y-4"))
                    && Instant.now().isBefore(deadline)) {
                background.tick();
                Thread.sleep(100); // the next poll, until the condition or the deadline
            }

            assertThat(alerts.entries()).extracting(e -> e.alert().key()).contains("LIMIT_REFUSED:Y-4");
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
