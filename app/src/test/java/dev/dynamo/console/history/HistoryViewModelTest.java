package dev.dynamo.console.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.HistoryInterval;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.FakeEngine;
import dev.dynamo.console.testengine.TestSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryViewModelTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private FakeEngine engine;
    private ConnectedSite site;
    private HistoryViewModel model;

    @BeforeEach
    void start() throws Exception {
        engine = TestSites.threeChargers();
        site = TestSites.connect(engine);
        site.api().putConfig(site.siteId(), new ConfigRequest(30, "equal", null, List.of(), List.of(), null, null));
        site.api().startSession(site.siteId(), "CP-001", null);
        site.api().startSession(site.siteId(), "CP-002", null);
        model = new HistoryViewModel(new SameThreadBackground(), clock);
        model.attach(site);
    }

    @AfterEach
    void stop() { engine.close(); }

    @Test
    void the_last_hour_at_one_minute_gives_sixty_rows_with_each_charger() {
        model.load();

        var table = model.tableProperty().get();
        assertThat(table.size()).isEqualTo(60);
        assertThat(table.starts().getFirst()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
        assertThat(table.totalKw()[0]).isEqualTo(30.0);
        assertThat(table.budgetKw()[0]).isEqualTo(30.0);
        assertThat(table.chargerKw()).containsOnlyKeys("CP-001", "CP-002");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void the_ranges_end_at_the_engines_time_when_it_is_not_the_desktops() {
        // a playback at 600x: its engine is at a simulated instant, not at the desktop's now
        model.engineTime(() -> Instant.parse("2026-11-20T08:30:00Z"));
        model.load();

        var table = model.tableProperty().get();
        assertThat(table.size()).isEqualTo(60);
        assertThat(table.starts().getFirst()).isEqualTo(Instant.parse("2026-11-20T07:30:00Z"));

        model.engineTime(null);
        model.load();
        assertThat(model.tableProperty().get().starts().getFirst()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
    }

    @Test
    void choosing_a_range_picks_a_sensible_interval_which_can_be_overridden() {
        model.rangeProperty().set(RangeChoice.LAST_7_DAYS);
        assertThat(model.intervalProperty().get()).isEqualTo(HistoryInterval.HOUR_1);

        model.intervalProperty().set(HistoryInterval.MIN_15);
        model.load();

        assertThat(model.tableProperty().get().size()).isEqualTo(7 * 24 * 4);
    }

    @Test
    void a_long_query_is_split_into_chunks_that_report_progress() {
        var progress = new ArrayList<Double>();
        model.progressProperty().addListener((_, _, value) -> progress.add(value.doubleValue()));
        model.rangeProperty().set(RangeChoice.LAST_7_DAYS);
        model.intervalProperty().set(HistoryInterval.MIN_1);

        model.load();

        assertThat(engine.requests().stream().filter(r -> r.contains("/allocation/history")).count()).isEqualTo(7);
        assertThat(progress).hasSize(7).endsWith(1.0);
        assertThat(progress.getFirst()).isCloseTo(1.0 / 7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.tableProperty().get().size()).isEqualTo(7 * 1440);
    }

    @Test
    void a_custom_range_covers_whole_days_in_site_time() {
        model.rangeProperty().set(RangeChoice.CUSTOM);
        model.customFromProperty().set(java.time.LocalDate.parse("2026-11-20"));
        model.customToProperty().set(java.time.LocalDate.parse("2026-11-21"));

        model.load();

        var table = model.tableProperty().get();
        assertThat(table.size()).isEqualTo(48);
        // Europe/Amsterdam is UTC+1 in November
        assertThat(table.starts().getFirst()).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
    }

    @Test
    void export_writes_a_row_per_bucket_with_a_column_per_charger(@TempDir Path dir) throws Exception {
        model.load();
        var file = dir.resolve("history.csv");

        model.exportCsv(file);

        var lines = Files.readAllLines(file);
        assertThat(lines).hasSize(61);
        assertThat(lines.getFirst()).isEqualTo("start_utc,total_allocated_kw,budget_kw,CP-001,CP-002");
        assertThat(lines.get(1)).isEqualTo("2026-11-24T11:00:00Z,30.00,30.00,15.00,15.00");
        assertThat(model.statusProperty().get()).contains("60 rows");
    }
}
