package dev.dynamo.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Circuit;
import dev.dynamo.console.client.CircuitLoad;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitTreeTest {
    private static final List<Circuit> SITE = List.of(
            new Circuit("row-2", "feeder-A", 63), new Circuit("feeder-A", null, 100),
            new Circuit("row-1", "feeder-A", 32), new Circuit("aux", null, 16));

    @Test
    void rows_follow_the_tree_grid_first_children_under_their_parent_by_id() {
        var loads = List.of(load("grid", 400, 10, 10, 10), load("aux", 16, 0, 0, 0), load("feeder-A", 100, 0, 0, 0),
                load("row-1", 32, 0, 0, 0), load("row-2", 63, 0, 0, 0));

        var rows = CircuitTree.rows(SITE, loads);

        assertThat(rows).extracting(CircuitRow::circuitId).containsExactly("grid", "aux", "feeder-A", "row-1", "row-2");
        assertThat(rows).extracting(CircuitRow::depth).containsExactly(0, 1, 1, 2, 2);
    }

    @Test
    void without_a_grid_current_limit_top_circuits_start_at_depth_zero() {
        var rows = CircuitTree.rows(SITE, List.of(load("feeder-A", 100, 0, 0, 0), load("row-1", 32, 0, 0, 0)));

        assertThat(rows).extracting(CircuitRow::depth).containsExactly(0, 1);
    }

    @Test
    void a_phase_within_five_percent_of_the_rating_is_near_the_limit() {
        var rows = CircuitTree.rows(SITE, List.of(load("row-1", 32, 30.4, 30.3, 0), load("row-2", 63, 10, 0, 0)));

        var row1 = rows.getFirst();
        assertThat(row1.phases()).extracting(CircuitRow.PhaseLoad::nearLimit).containsExactly(true, false, false);
        assertThat(row1.phases().getFirst().share()).isEqualTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row1.nearLimit()).isTrue();
        assertThat(rows.get(1).nearLimit()).isFalse();
    }

    @Test
    void a_phase_missing_from_the_load_counts_as_zero_and_no_loads_give_no_rows() {
        var rows = CircuitTree.rows(SITE, List.of(new CircuitLoad("row-1", 32, Map.of("L2", 16.0))));

        assertThat(rows.getFirst().phases()).extracting(CircuitRow.PhaseLoad::currentA).containsExactly(0.0, 16.0, 0.0);
        assertThat(CircuitTree.rows(SITE, List.of())).isEmpty();
    }

    @Test
    void a_circuit_the_site_copy_does_not_know_is_shown_at_the_top_level() {
        var rows = CircuitTree.rows(List.of(), List.of(load("grid", 400, 0, 0, 0), load("new-row", 40, 0, 0, 0)));

        assertThat(rows).extracting(CircuitRow::depth).containsExactly(0, 1);
    }

    private static CircuitLoad load(String id, double maxA, double l1, double l2, double l3) {
        return new CircuitLoad(id, maxA, Map.of("L1", l1, "L2", l2, "L3", l3));
    }
}
