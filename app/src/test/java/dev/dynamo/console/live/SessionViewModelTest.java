package dev.dynamo.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.console.client.SessionChange;
import dev.dynamo.console.client.SessionInfo;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.OperatorEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The session panel's view-model and the tile's progress line, without a window. */
class SessionViewModelTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Instant NOW = Instant.parse("2026-12-07T10:15:00Z"); // 11:15 in Amsterdam, a Monday

    @Test
    void a_time_alone_is_the_next_such_time_in_site_local_time_and_a_date_fixes_the_day() {
        assertThat(SessionViewModel.departure(null, "17:30", AMSTERDAM, NOW)).isEqualTo(Instant.parse("2026-12-07T16:30:00Z"));
        assertThat(SessionViewModel.departure(null, "5:30", AMSTERDAM, NOW)).isEqualTo(Instant.parse("2026-12-08T04:30:00Z"));
        assertThat(SessionViewModel.departure(LocalDate.of(2026, 12, 9), "05:30", AMSTERDAM, NOW))
                .isEqualTo(Instant.parse("2026-12-09T04:30:00Z"));
        assertThat(SessionViewModel.departure(null, " ", AMSTERDAM, NOW)).isNull();
        assertThatThrownBy(() -> SessionViewModel.departure(null, "25:00", AMSTERDAM, NOW)).hasMessageContaining("HH:MM");
        assertThatThrownBy(() -> SessionViewModel.departure(LocalDate.of(2026, 12, 9), "", AMSTERDAM, NOW))
                .hasMessageContaining("enter a time");
    }

    @Test
    void how_far_off_a_departure_is_reads_in_hours_and_minutes() {
        assertThat(SessionViewModel.until(Duration.ofMinutes(200))).isEqualTo("in 3 h 20 min");
        assertThat(SessionViewModel.until(Duration.ofMinutes(45))).isEqualTo("in 45 min");
        assertThat(SessionViewModel.until(Duration.ofHours(5))).isEqualTo("in 5 h");
        assertThat(SessionViewModel.until(Duration.ofHours(52))).isEqualTo("in 2 d 4 h");
        assertThat(SessionViewModel.until(Duration.ofMinutes(-5))).isEqualTo("passed 5 min ago");
    }

    @Test
    void a_tile_shows_delivered_over_needed_and_the_departure_rounded_to_what_is_drawn() {
        var today = session(40.0, 12.34, Instant.parse("2026-12-07T16:30:00Z"));
        assertThat(TileProgress.of(today, AMSTERDAM, NOW)).isEqualTo(new TileProgress("12.3 / 40 kWh · by 17:30", 0.31, true));
        var tomorrow = session(null, 3.0, Instant.parse("2026-12-08T04:30:00Z"));
        assertThat(TileProgress.of(tomorrow, AMSTERDAM, NOW)).isEqualTo(new TileProgress("3 kWh · by Tue 05:30", 0, false));
        assertThat(TileProgress.of(session(null, 3.0, null), AMSTERDAM, NOW)).isSameAs(TileProgress.NONE);
        // a rise too small to draw gives an equal value: the tile is not redrawn
        assertThat(TileProgress.of(session(40.0, 12.31, null), AMSTERDAM, NOW))
                .isEqualTo(TileProgress.of(session(40.0, 12.32, null), AMSTERDAM, NOW));
    }

    @Test
    void a_patch_sends_nulls_to_clear_and_leaves_out_what_is_not_changed() {
        assertThat(SessionChange.NONE.withEnergyNeeded(null).body()).containsOnlyKeys("energy_needed_kwh")
                .containsEntry("energy_needed_kwh", null);
        assertThat(SessionChange.NONE.withDeparture(Instant.parse("2026-12-08T04:30:00Z")).body())
                .containsOnlyKeys("departure_at").containsValue("2026-12-08T04:30:00Z");
    }

    @Test
    void on_a_real_engine_the_panel_saves_need_and_departure_shows_a_422_beside_its_field_and_clears() throws Exception {
        try (var engine = new OperatorEngine()) {
            engine.yard(100, "Y-4");
            var background = new SameThreadBackground();
            var live = new LiveViewModel(background, Clock.systemUTC());
            live.attach(engine.connect(OperatorEngine.YARD));
            background.tick();
            live.why().select("Y-4");
            var panel = live.why().sessionEditor();
            assertThat(panel.hasSessionProperty().get()).isTrue();
            assertThat(panel.neededProperty().get()).isEqualTo("not set");
            assertThat(panel.departureProperty().get()).isEqualTo("not set");

            var leaves = Instant.now().plus(Duration.ofHours(5)).atZone(AMSTERDAM).truncatedTo(ChronoUnit.MINUTES);
            panel.neededInputProperty().set("40");
            panel.departureDateProperty().set(leaves.toLocalDate());
            panel.departureTimeProperty().set(DateTimeFormatter.ofPattern("HH:mm").format(leaves));
            panel.save();

            var stored = engine.api.site(OperatorEngine.YARD).chargers().stream()
                    .filter(c -> c.chargePointId().equals("Y-4")).findFirst().orElseThrow().session();
            assertThat(stored.energyNeededKwh()).isEqualTo(40.0);
            assertThat(stored.departureAt()).isEqualTo(leaves.toInstant());
            assertThat(panel.errorProperty().get()).isNull();
            assertThat(panel.statusProperty().get()).startsWith("Saved");
            assertThat(panel.neededProperty().get()).isEqualTo("40 kWh");
            assertThat(panel.departureInProperty().get()).matches("in (4 h 59 min|5 h)");
            assertThat(panel.riskTextProperty().get()).startsWith("✓ On track");
            // the save asked for the sessions again: the tile shows the need and the departure
            background.tick();
            var gauge = live.gauges().getFirst();
            assertThat(gauge.progressProperty().get().text()).startsWith("0").endsWith(" / 40 kWh · by "
                    + TileProgress.departure(leaves.toInstant(), AMSTERDAM, Instant.now()));
            assertThat(gauge.atRiskProperty().get()).isFalse();

            panel.neededInputProperty().set("0");
            panel.save();
            assertThat(panel.errorProperty().get()).contains("422");
            assertThat(panel.fieldErrors()).containsKey(SessionViewModel.ENERGY);
            assertThat(panel.fieldErrors()).doesNotContainKey(SessionViewModel.DEPARTURE);
            assertThat(engine.api.site(OperatorEngine.YARD).chargers().stream()
                    .filter(c -> c.chargePointId().equals("Y-4")).findFirst().orElseThrow().session().energyNeededKwh())
                    .isEqualTo(40.0);

            // 500 kWh in 5 h at 11 kW cannot be done: the engine says at risk, and so do the tile and the panel
            panel.neededInputProperty().set("500");
            panel.save();
            assertThat(panel.fieldErrors()).isEmpty();
            live.refreshSessions();
            assertThat(live.gauges().getFirst().atRiskProperty().get()).isTrue();
            assertThat(panel.atRiskProperty().get()).isTrue();
            assertThat(panel.riskTextProperty().get()).startsWith("⚠ At risk");

            panel.clearDeparture();
            var cleared = engine.api.site(OperatorEngine.YARD).chargers().stream()
                    .filter(c -> c.chargePointId().equals("Y-4")).findFirst().orElseThrow().session();
            assertThat(cleared.departureAt()).isNull();
            assertThat(cleared.energyNeededKwh()).isEqualTo(500.0);
            assertThat(panel.departureProperty().get()).isEqualTo("not set");
            assertThat(panel.departureTimeProperty().get()).isEmpty();
        }
    }

    private static SessionInfo session(Double needed, Double delivered, Instant departure) {
        return new SessionInfo("s", "yard", "Y-1", NOW.minusSeconds(3600), null, needed, null, null, delivered, departure);
    }
}
