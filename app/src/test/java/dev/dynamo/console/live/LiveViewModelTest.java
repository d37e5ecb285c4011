package dev.dynamo.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.FakeEngine;
import dev.dynamo.console.testengine.TestSites;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveViewModelTest {
    private final SameThreadBackground background = new SameThreadBackground();
    private FakeEngine engine;
    private ConnectedSite site;
    private LiveViewModel model;

    @BeforeEach
    void start() throws Exception {
        engine = TestSites.threeChargers();
        site = TestSites.connect(engine);
        model = new LiveViewModel(background);
    }

    @AfterEach
    void stop() { engine.close(); }

    private void configure(double maxKw) {
        site.api().putConfig(site.siteId(), new ConfigRequest(maxKw, "equal", null, List.of(), List.of(), null, null));
    }

    @Test
    void each_tick_shows_a_gauge_per_active_charger_with_its_share() {
        configure(30);
        site.api().startSession(site.siteId(), "CP-001", null);
        site.api().startSession(site.siteId(), "CP-003", null);
        model.attach(site);

        background.tick();

        assertThat(model.gauges()).extracting(ChargerGauge::chargePointId).containsExactly("CP-001", "CP-003");
        assertThat(model.gauges()).extracting(g -> g.allocatedKwProperty().get()).containsExactly(19.0, 11.0);
        assertThat(model.gauges().getFirst().capKwProperty().get()).isEqualTo(22.0);
        assertThat(model.gauges().getFirst().statusProperty().get()).isEqualTo(ChargerStatus.CHARGING);
        assertThat(model.totalAllocatedKwProperty().get()).isEqualTo(30.0);
        assertThat(model.budgetKwProperty().get()).isEqualTo(30.0);
        assertThat(model.gridCapacityKwProperty().get()).isEqualTo(100.0);
        assertThat(model.strategyProperty().get()).isEqualTo("equal");
        assertThat(model.calculatedAtProperty().get()).isNotNull();
    }

    @Test
    void gauges_are_updated_in_place_and_reused_when_chargers_come_and_go() {
        configure(30);
        site.api().startSession(site.siteId(), "CP-001", null);
        model.attach(site);
        background.tick();
        var first = model.gauges().getFirst();

        site.api().startSession(site.siteId(), "CP-002", null);
        background.tick();

        assertThat(model.gauges()).hasSize(2);
        assertThat(model.gauges().getFirst()).isSameAs(first);
        assertThat(first.allocatedKwProperty().get()).isEqualTo(15.0);

        site.api().stopSession(site.siteId(), "CP-002");
        background.tick();

        assertThat(model.gauges()).containsExactly(first);
        assertThat(first.allocatedKwProperty().get()).isEqualTo(22.0);
    }

    @Test
    void rebalance_reports_how_many_chargers_were_recalculated() {
        configure(30);
        site.api().startSession(site.siteId(), "CP-001", null);
        site.api().startSession(site.siteId(), "CP-002", null);
        model.attach(site);

        model.rebalance();

        assertThat(model.rebalanceResultProperty().get()).isEqualTo("2 chargers recalculated");
        assertThat(engine.requests()).anyMatch(r -> r.startsWith("POST /api/v1/smart-charging/sites/demo-site/rebalance"));
    }

    @Test
    void a_site_without_config_says_so_instead_of_failing() {
        model.attach(site);

        background.tick();

        assertThat(model.noticeProperty().get()).contains("no smart charging config");
        assertThat(model.errorProperty().get()).isNull();
    }

    @Test
    void an_engine_that_went_away_shows_an_error_and_keeps_the_last_values() {
        configure(30);
        site.api().startSession(site.siteId(), "CP-001", null);
        model.attach(site);
        background.tick();
        engine.close();

        background.tick();

        assertThat(model.errorProperty().get()).contains("127.0.0.1");
        assertThat(model.gauges()).hasSize(1);
    }
}
