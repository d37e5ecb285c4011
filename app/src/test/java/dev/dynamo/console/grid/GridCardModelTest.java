package dev.dynamo.console.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.Circuit;
import dev.dynamo.console.client.CircuitLoad;
import dev.dynamo.console.client.Site;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridCardModelTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final GridCardModel model = new GridCardModel(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Site site = new Site("s", "S", "UTC", 100, List.of(), null, List.of(new Circuit("row", null, 32)));

    private static Allocation allocation(Allocation.BudgetParts budget, List<Allocation.MeterState> meters) {
        return new Allocation("s", "equal", 30, 28, NOW, List.of(),
                List.of(new CircuitLoad("row", 32, Map.of("L1", 10.0, "L2", 10.0, "L3", 10.0))), budget, meters);
    }

    @Test
    void a_bar_per_metered_node_with_other_load_ev_and_headroom() {
        model.apply(site, allocation(new Allocation.BudgetParts(80.0, 30.0, null, "grid_meter"), List.of(
                new Allocation.MeterState("main", "grid", 70.0, 70.0, NOW.minusSeconds(12), false),
                new Allocation.MeterState("row-m", "row", null, 5.0, null, true))));
        assertThat(model.describeBars()).containsExactly(
                "grid 70.0 kW + 28.0 kW + 2.0 kW of 100.0 kW 12 s ago",
                "row 5.0 kW + 6.9 kW + 10.2 kW of 22.1 kW STALE never read");
        assertThat(model.bindingProperty().get()).isEqualTo("The grid meter sets the budget: the building leaves 30.0 kW for charging");
    }

    @Test
    void what_binds_is_said_in_words() {
        assertThat(GridCardModel.describe(allocation(new Allocation.BudgetParts(80.0, 30.0, null, "meter_fallback"), List.of())))
                .startsWith("The grid meter is stale");
        assertThat(GridCardModel.describe(allocation(new Allocation.BudgetParts(80.0, null, 30.0, "external:dso"), List.of())))
                .isEqualTo("External limit \"dso\" caps the budget at 30.0 kW");
        assertThat(GridCardModel.describe(allocation(new Allocation.BudgetParts(30.0, 92.0, null, "config"), List.of())))
                .isEqualTo("The config's budget of 30.0 kW applies (the grid meter leaves 92.0 kW)");
        assertThat(GridCardModel.describe(allocation(null, List.of()))).isNull();
    }

    @Test
    void an_overloaded_node_fills_its_bar_and_no_more() {
        var bar = new MeterBar("m", "grid", 100, 90, 30, 0, "1 s ago", false);
        var f = bar.fractions();
        assertThat(f[0] + f[1] + f[2]).isEqualTo(1.0);
        assertThat(f[0]).isEqualTo(0.9);
        assertThat(GridCardModel.age(NOW.minusSeconds(600), NOW)).isEqualTo("10 min ago");
    }
}
