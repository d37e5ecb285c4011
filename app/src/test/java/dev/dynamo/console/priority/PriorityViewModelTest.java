package dev.dynamo.console.priority;

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

class PriorityViewModelTest {
    private FakeEngine engine;
    private ConnectedSite site;
    private PriorityViewModel model;

    @BeforeEach
    void start() throws Exception {
        engine = TestSites.threeChargers();
        site = TestSites.connect(engine);
        site.api().putConfig(site.siteId(),
                new ConfigRequest(30, "equal", 1.0, List.of("CP-002"), List.of(), 15, null));
        model = new PriorityViewModel(new SameThreadBackground());
        model.attach(site);
    }

    @AfterEach
    void stop() { engine.close(); }

    @Test
    void the_stored_order_comes_first_then_the_other_chargers() {
        assertThat(model.order()).containsExactly("CP-002", "CP-001", "CP-003");
        assertThat(model.dirtyProperty().get()).isFalse();
    }

    @Test
    void moves_reorder_and_stay_inside_the_list() {
        model.moveDown(0);
        assertThat(model.order()).containsExactly("CP-001", "CP-002", "CP-003");
        model.moveUp(2);
        assertThat(model.order()).containsExactly("CP-001", "CP-003", "CP-002");
        assertThat(model.move(0, 3)).isFalse();
        model.moveUp(0);
        assertThat(model.order()).containsExactly("CP-001", "CP-003", "CP-002");
        assertThat(model.dirtyProperty().get()).isTrue();
    }

    @Test
    void apply_stores_strategy_priority_with_the_new_order_keeping_the_other_fields() {
        model.move(2, 0);

        model.apply();

        var stored = engine.storedConfig();
        assertThat(stored.path("strategy").asText()).isEqualTo("priority");
        assertThat(stored.path("priority_order").toString()).isEqualTo("[\"CP-003\",\"CP-002\",\"CP-001\"]");
        assertThat(stored.path("min_power_per_charger_kw").asDouble()).isEqualTo(1.0);
        assertThat(stored.path("rotation_period_min").isNull()).isTrue();
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.appliedCountProperty().get()).isEqualTo(1);
    }

    @Test
    void the_allocation_follows_the_applied_order() {
        site.api().startSession(site.siteId(), "CP-001", null);
        site.api().startSession(site.siteId(), "CP-002", null);
        model.move(1, 0);

        model.apply();

        var shares = site.api().allocation(site.siteId()).allocations();
        assertThat(shares.get(0).allocatedKw()).isEqualTo(22.0);
        assertThat(shares.get(1).allocatedKw()).isEqualTo(8.0);
    }

    @Test
    void a_move_shows_the_previewed_allocation_beside_the_live_one_and_apply_makes_it_live() {
        site.api().startSession(site.siteId(), "CP-001", null);
        site.api().startSession(site.siteId(), "CP-002", null);
        model.refreshLive();
        assertThat(model.row("CP-001").liveKw()).isEqualTo(15.0);
        assertThat(model.row("CP-001").previewKw()).isNull();
        assertThat(model.row("CP-003").liveText()).isEqualTo("idle");
        var revision = model.rowsRevisionProperty().get();

        model.move(1, 0);

        assertThat(model.order()).containsExactly("CP-001", "CP-002", "CP-003");
        assertThat(model.row("CP-001").previewKw()).isEqualTo(22.0);
        assertThat(model.row("CP-001").diffText()).isEqualTo("+7.0 kW");
        assertThat(model.row("CP-002").previewKw()).isEqualTo(8.0);
        assertThat(model.row("CP-002").diffText()).isEqualTo("−7.0 kW");
        assertThat(model.row("CP-001").liveKw()).isEqualTo(15.0);
        assertThat(model.previewSummaryProperty().get()).contains("30.0 kW allocated").contains("now 30.0 kW");
        assertThat(model.rowsRevisionProperty().get()).isGreaterThan(revision);
        // a preview stores nothing
        assertThat(engine.storedConfig().path("strategy").asText()).isEqualTo("equal");

        model.apply();

        assertThat(model.row("CP-001").previewKw()).isNull();
        assertThat(model.previewSummaryProperty().get()).isNull();
        assertThat(model.row("CP-001").liveKw()).isEqualTo(22.0);
        assertThat(model.row("CP-002").liveKw()).isEqualTo(8.0);
    }
}
