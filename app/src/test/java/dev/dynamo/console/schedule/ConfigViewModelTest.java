package dev.dynamo.console.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.WindowSpec;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.FakeEngine;
import dev.dynamo.console.testengine.TestSites;
import java.time.DayOfWeek;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigViewModelTest {
    private FakeEngine engine;
    private ConnectedSite site;
    private ConfigViewModel model;

    @BeforeEach
    void start() throws Exception {
        engine = TestSites.threeChargers();
        site = TestSites.connect(engine);
        model = new ConfigViewModel(new SameThreadBackground());
    }

    @AfterEach
    void stop() { engine.close(); }

    @Test
    void without_a_stored_config_the_budget_starts_at_grid_capacity() {
        model.attach(site);

        assertThat(model.maxPowerKwProperty().get()).isEqualTo("100");
        assertThat(model.gridCapacityKwProperty().get()).isEqualTo(100.0);
        assertThat(model.statusProperty().get()).contains("No config");
    }

    @Test
    void a_stored_schedule_is_shown_as_one_block_per_day_and_merged_back_on_apply() {
        site.api().putConfig(site.siteId(), new ConfigRequest(80, "scheduled", null, List.of(),
                List.of(new WindowSpec(List.of("MON", "TUE"), "22:00", "06:00", 40, null)), null, null));
        model.attach(site);

        assertThat(model.windows()).hasSize(2);
        assertThat(model.windows().getFirst().day()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(model.windows().getFirst().lengthMinutes()).isEqualTo(8 * 60);

        model.apply();

        var schedule = engine.storedConfig().path("schedule");
        assertThat(schedule).hasSize(1);
        assertThat(schedule.get(0).path("days").toString()).isEqualTo("[\"MON\",\"TUE\"]");
        assertThat(schedule.get(0).path("start").asText()).isEqualTo("22:00");
    }

    @Test
    void a_drawn_window_is_stored_with_its_power_and_strategy() {
        model.attach(site);
        model.strategyProperty().set("scheduled");
        var block = model.addWindow(DayOfWeek.WEDNESDAY, 8 * 60, 17 * 60);
        block.maxPowerKwProperty().set(55);

        model.apply();

        var window = engine.storedConfig().path("schedule").get(0);
        assertThat(window.path("days").toString()).isEqualTo("[\"WED\"]");
        assertThat(window.path("start").asText()).isEqualTo("08:00");
        assertThat(window.path("end").asText()).isEqualTo("17:00");
        assertThat(window.path("max_power_kw").asDouble()).isEqualTo(55.0);
        assertThat(model.errorProperty().get()).isNull();
    }

    @Test
    void overlapping_windows_are_refused_including_past_midnight() {
        model.attach(site);
        assertThat(model.addWindow(DayOfWeek.MONDAY, 22 * 60, 6 * 60)).isNotNull();

        assertThat(model.addWindow(DayOfWeek.TUESDAY, 5 * 60, 7 * 60)).isNull();
        assertThat(model.addWindow(DayOfWeek.MONDAY, 20 * 60, 23 * 60)).isNull();
        assertThat(model.addWindow(DayOfWeek.TUESDAY, 6 * 60, 7 * 60)).isNotNull();
        // the week wraps: Sunday night runs into Monday morning
        assertThat(model.addWindow(DayOfWeek.SUNDAY, 23 * 60, 60)).isNotNull();
        assertThat(model.addWindow(DayOfWeek.MONDAY, 30, 120)).isNull();
    }

    @Test
    void reshaping_moves_a_window_unless_it_would_overlap() {
        model.attach(site);
        var first = model.addWindow(DayOfWeek.MONDAY, 8 * 60, 10 * 60);
        model.addWindow(DayOfWeek.MONDAY, 12 * 60, 14 * 60);

        assertThat(model.reshapeWindow(first, DayOfWeek.MONDAY, 9 * 60, 11 * 60)).isTrue();
        assertThat(model.reshapeWindow(first, DayOfWeek.MONDAY, 11 * 60, 13 * 60)).isFalse();
        assertThat(first.startMinute()).isEqualTo(9 * 60);
    }

    @Test
    void the_engines_validation_errors_are_kept_by_field() {
        model.attach(site);
        model.maxPowerKwProperty().set("300");

        model.apply();

        assertThat(model.errorProperty().get()).contains("exceeds the grid connection capacity");
        assertThat(model.fieldErrors()).containsKey("max_power_kw");
        assertThat(model.fieldErrors().get("max_power_kw")).contains("100 kW");
        assertThat(engine.storedConfig()).isNull();
    }

    @Test
    void text_that_is_not_a_number_is_caught_before_asking_the_engine() {
        model.attach(site);
        model.maxPowerKwProperty().set("lots");
        model.rotationPeriodMinProperty().set("soon");

        model.apply();

        assertThat(model.fieldErrors()).containsKeys("max_power_kw", "rotation_period_min");
        assertThat(engine.requests()).noneMatch(r -> r.startsWith("PUT"));
    }

    @Test
    void preview_shows_what_the_config_on_screen_would_give_beside_the_live_allocation_and_stores_nothing() {
        site.api().putConfig(site.siteId(), new ConfigRequest(30, "equal", null, List.of(), List.of(), null, null));
        site.api().startSession(site.siteId(), "CP-001", null);
        site.api().startSession(site.siteId(), "CP-002", null);
        model.attach(site);
        model.maxPowerKwProperty().set("40");

        model.preview();

        assertThat(model.previewRows()).extracting(r -> r.chargePointId() + " " + r.liveText() + " " + r.previewText()
                + " " + r.diffText()).containsExactly("CP-001 15.0 kW 20.0 kW +5.0 kW", "CP-002 15.0 kW 20.0 kW +5.0 kW");
        assertThat(model.previewSummaryProperty().get()).contains("40.0 kW allocated of a 40.0 kW budget (now 30.0 kW)");
        assertThat(engine.storedConfig().path("max_power_kw").asDouble()).isEqualTo(30.0);

        model.apply();

        assertThat(model.previewRows()).isEmpty();
        assertThat(engine.storedConfig().path("max_power_kw").asDouble()).isEqualTo(40.0);
    }

    @Test
    void a_preview_the_engine_refuses_shows_its_field_error() {
        model.attach(site);
        model.maxPowerKwProperty().set("300");

        model.preview();

        assertThat(model.fieldErrors().get("max_power_kw")).contains("100");
        assertThat(model.previewRows()).isEmpty();
    }

    @Test
    void the_departure_switch_is_sent_with_apply_and_preview_and_is_off_with_its_reason_under_priority() {
        model.attach(site);
        assertThat(model.departureAwareProperty().get()).isFalse();
        model.departureAwareProperty().set(true);

        model.preview();
        assertThat(engine.requests()).filteredOn(r -> r.startsWith("POST") && r.contains("/allocation/preview"))
                .singleElement().asString().contains("\"departure_aware\":true");
        model.apply();

        assertThat(engine.storedConfig().path("departure_aware").isBoolean()).isTrue();
        assertThat(engine.storedConfig().path("departure_aware").asBoolean()).isTrue();
        assertThat(model.departureAwareProperty().get()).isTrue();
        assertThat(model.departureAwareBlockedProperty().get()).isNull();

        model.strategyProperty().set("priority");
        assertThat(model.departureAwareProperty().get()).isFalse();
        assertThat(model.departureAwareBlockedProperty().get()).startsWith("Not with priority");
        model.departureAwareProperty().set(true); // what a stale binding might try: still not sent
        model.apply();
        assertThat(engine.requests()).filteredOn(r -> r.startsWith("PUT")).last().asString()
                .contains("\"strategy\":\"priority\"").contains("\"departure_aware\":false");

        model.strategyProperty().set("equal");
        assertThat(model.departureAwareBlockedProperty().get()).isNull();
    }
}
