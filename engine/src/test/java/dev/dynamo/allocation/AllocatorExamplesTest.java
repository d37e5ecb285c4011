package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed examples, most from the contract. */
class AllocatorExamplesTest {

    private static Demand threePhase(String id, double capKw, double floorKw, String limitId) {
        return new Demand(id, capKw, floorKw, 3, Phase.L1, 230, limitId);
    }

    private static Demand onePhase(String id, double capKw, double floorKw, Phase phase, String limitId) {
        return new Demand(id, capKw, floorKw, 1, phase, 230, limitId);
    }

    private static List<Double> kw(AllocationResult result) {
        return result.shares().stream().map(ChargerShare::allocatedKw).toList();
    }

    private static AllocationResult allocate(double budgetKw, Sharing sharing, List<Limit> limits,
                                             List<Reservation> reservations, List<Demand> demands) {
        return Allocator.allocate(new AllocationInput(budgetKw, sharing, limits, reservations, demands));
    }

    @Test
    void a_limit_is_found_by_its_id_whatever_string_instance_names_it() {
        // ids with neighbouring hash codes (row-0-0, row-0-1, ...) and demands naming them by copies, by the
        // limit's own instance, and alternately: the lookup keeps a memo per string instance
        var limits = new java.util.ArrayList<Limit>();
        limits.add(new Limit("grid", null, 10_000));
        var demands = new java.util.ArrayList<Demand>();
        for (int r = 0; r < 40; r++) {
            String id = "row-0-" + r;
            limits.add(new Limit(id, "grid", 16 + r));
            for (int k = 0; k < 3; k++) {
                String named = k == 1 ? id : new String(id);
                demands.add(threePhase("CP-" + r + "-" + k, 22, 0, named));
            }
        }
        var result = allocate(10_000, Sharing.EQUAL, limits, List.of(), demands);
        for (int r = 0; r < 40; r++) {
            double perChargerKw = Allocator.roundDownKw((16 + r) * 3 * 230 / 1000.0 / 3);
            for (int k = 0; k < 3; k++) assertThat(result.shares().get(r * 3 + k).allocatedKw()).isEqualTo(perChargerKw);
            assertThat(result.limits().get(r + 1).limitId()).isEqualTo("row-0-" + r);
        }
        assertThatThrownBy(() -> allocate(10, Sharing.EQUAL, limits, List.of(),
                List.of(threePhase("X", 22, 0, new String("row-0-40")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown limit row-0-40");
    }

    @Test
    void equal_shares_150_kw_among_seven_22_kw_chargers_as_21_42_each() {
        var demands = java.util.stream.IntStream.rangeClosed(1, 7)
                .mapToObj(n -> threePhase("CP-00" + n, 22, 0, null)).toList();
        var result = allocate(150, Sharing.EQUAL, List.of(), List.of(), demands);
        assertThat(kw(result)).containsOnly(21.42).hasSize(7);
        assertThat(result.limits()).isEmpty();
    }

    @Test
    void equal_gives_what_a_capped_charger_cannot_take_to_the_others() {
        var result = allocate(50, Sharing.EQUAL, List.of(), List.of(), List.of(
                threePhase("A", 7.4, 0, null), threePhase("B", 22, 0, null), threePhase("C", 22, 0, null)));
        assertThat(kw(result)).containsExactly(7.4, 21.3, 21.3);
    }

    @Test
    void an_exact_hundredth_is_not_rounded_down_by_floating_point_error() {
        var result = allocate(12.6, Sharing.EQUAL, List.of(), List.of(), List.of(
                threePhase("A", 22, 4.2, null), threePhase("B", 22, 4.2, null), threePhase("C", 22, 4.2, null)));
        assertThat(kw(result)).containsExactly(4.2, 4.2, 4.2);
    }

    @Test
    void floors_are_first_fit_in_admission_order() {
        // 10 kW, floors 4.2: A and B fit (8.4), C does not (1.6 left), D's 1.5 kW floor still fits
        var result = allocate(10, Sharing.EQUAL, List.of(), List.of(), List.of(
                threePhase("A", 22, 4.2, null), threePhase("B", 22, 4.2, null),
                threePhase("C", 22, 4.2, null), threePhase("D", 1.5, 1.5, null)));
        assertThat(kw(result)).containsExactly(4.25, 4.25, 0.0, 1.5);
        assertThat(result.shares().get(2).queued()).isTrue();
    }

    @Test
    void priority_fills_in_order_each_up_to_its_cap() {
        var result = allocate(30, Sharing.PRIORITY, List.of(), List.of(), List.of(
                threePhase("A", 22, 0, null), threePhase("B", 22, 0, null), threePhase("C", 22, 0, null)));
        assertThat(kw(result)).containsExactly(22.0, 8.0, 0.0);
    }

    @Test
    void priority_hands_out_floors_before_filling_the_first() {
        var result = allocate(30, Sharing.PRIORITY, List.of(), List.of(), List.of(
                threePhase("A", 22, 4.2, null), threePhase("B", 22, 4.2, null), threePhase("C", 22, 4.2, null)));
        assertThat(kw(result)).containsExactly(21.6, 4.2, 4.2);
    }

    @Test
    void twenty_two_kw_on_three_phases_at_230_v_draws_31_88_a_per_phase() {
        assertThat(PhaseCurrent.perPhaseA(22, 3, 230)).isCloseTo(31.884, within(0.001));
        assertThat(PhaseCurrent.perPhaseA(4.6, 1, 230)).isCloseTo(20, within(1e-9));
        var result = allocate(150, Sharing.EQUAL, List.of(new Limit("row-1", null, 63)), List.of(),
                List.of(threePhase("CP-001", 22, 0, "row-1")));
        assertThat(kw(result)).containsExactly(22.0);
        var load = result.limits().getFirst();
        assertThat(load.limitId()).isEqualTo("row-1");
        assertThat(load.maxCurrentA()).isEqualTo(63);
        assertThat(List.of(load.l1A(), load.l2A(), load.l3A())).allSatisfy(a -> assertThat(a).isCloseTo(31.884, within(0.001)));
    }

    @Test
    void equal_on_a_63_a_row_caps_the_one_phase_charger_on_l2_and_the_other_rises_until_l2_is_full() {
        // at level 7.4 L2 carries 7.4/0.69 + 7.4/0.23 = 42.9 A: CP-002 stops at its cap (32.17 A on L2);
        // CP-001 then rises until L2 holds 63 A: (63 - 7.4/0.23) * 0.69 = 21.27 kW
        var limits = List.of(new Limit("feeder-A", null, 125), new Limit("row-1", "feeder-A", 63));
        var result = allocate(150, Sharing.EQUAL, limits, List.of(), List.of(
                threePhase("CP-001", 22, 0, "row-1"), onePhase("CP-002", 7.4, 0, Phase.L2, "row-1")));
        assertThat(kw(result)).containsExactly(21.27, 7.4);
        var row = result.limits().get(1);
        assertThat(row.l1A()).isCloseTo(21.27 / 0.69, within(1e-9));
        assertThat(row.l2A()).isCloseTo(21.27 / 0.69 + 7.4 / 0.23, within(1e-9)).isLessThanOrEqualTo(63);
        assertThat(row.l3A()).isEqualTo(row.l1A());
        assertThat(result.limits().get(0).l2A()).isEqualTo(row.l2A());
    }

    @Test
    void equal_on_a_32_a_row_freezes_both_chargers_when_l2_fills() {
        // L2 carries x/0.69 + x/0.23 A at level x: full at x = 32 * 690 / 4000 = 5.52 kW, below both caps
        var result = allocate(150, Sharing.EQUAL, List.of(new Limit("row-1", null, 32)), List.of(), List.of(
                threePhase("CP-001", 22, 0, "row-1"), onePhase("CP-002", 7.4, 0, Phase.L2, "row-1")));
        assertThat(kw(result)).containsExactly(5.52, 5.52);
        assertThat(result.limits().getFirst().l2A()).isCloseTo(32, within(1e-9));
    }

    @Test
    void equal_lets_the_others_rise_when_a_limit_freezes_some() {
        // row-1 (16 A) freezes B at 16 * 0.23 = 3.68 kW on L1; A, on L2 of the same row, rises to its cap
        var limits = List.of(new Limit("row-1", null, 16));
        var result = allocate(20, Sharing.EQUAL, limits, List.of(), List.of(
                onePhase("A", 3.7, 0, Phase.L2, "row-1"), onePhase("B", 7.4, 0, Phase.L1, "row-1"),
                threePhase("C", 22, 0, null)));
        assertThat(kw(result)).containsExactly(3.68, 3.68, 12.64);
    }

    @Test
    void priority_gives_the_second_charger_what_is_left_on_l2_of_the_row() {
        // CP-001 takes 22 kW = 31.88 A on L2; 31.12 A at 230 V is 7.156 kW for CP-002
        var result = allocate(150, Sharing.PRIORITY, List.of(new Limit("row-1", null, 63)), List.of(), List.of(
                threePhase("CP-001", 22, 0, "row-1"), onePhase("CP-002", 7.4, 0, Phase.L2, "row-1")));
        assertThat(kw(result)).containsExactly(22.0, 7.15);
    }

    @Test
    void reservations_come_first_and_count_on_their_limits() {
        var limits = List.of(new Limit("grid", null, 100));
        var reservations = List.of(new Reservation("CP-009", 11, 3, Phase.L1, 230, "grid"));
        var result = allocate(50, Sharing.EQUAL, limits, reservations, List.of(
                threePhase("A", 22, 0, "grid"), threePhase("B", 22, 0, "grid")));
        assertThat(kw(result)).containsExactly(19.5, 19.5);
        assertThat(result.limits().getFirst().l1A()).isCloseTo((11 + 39) / 0.69, within(1e-9));
    }

    @Test
    void reservations_above_a_lowered_budget_leave_the_others_nothing() {
        var reservations = List.of(new Reservation("CP-009", 11, 3, Phase.L1, 230, null));
        var result = allocate(10, Sharing.EQUAL, List.of(), reservations, List.of(
                threePhase("A", 22, 4.2, null), threePhase("B", 22, 0, null)));
        assertThat(kw(result)).containsExactly(0.0, 0.0);
    }

    @Test
    void a_floor_that_does_not_fit_under_a_limit_queues_the_charger() {
        // 16 A on L1 at 230 V is 3.68 kW: A's 4.2 kW floor does not fit, B's 3 kW does
        var result = allocate(50, Sharing.EQUAL, List.of(new Limit("row-1", null, 16)), List.of(), List.of(
                onePhase("A", 7.4, 4.2, Phase.L1, "row-1"), onePhase("B", 7.4, 3, Phase.L1, "row-1")));
        assertThat(kw(result)).containsExactly(0.0, 3.68);
    }

    @Test
    void rejects_an_unknown_limit_and_a_cycle() {
        assertThatThrownBy(() -> allocate(10, Sharing.EQUAL, List.of(), List.of(),
                List.of(threePhase("A", 22, 0, "nowhere")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocate(10, Sharing.EQUAL,
                List.of(new Limit("a", "b", 10), new Limit("b", "a", 10)), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void each_share_says_what_stops_it() {
        // two 22 kW chargers under a 32 A grid limit fill it at 11.04 kW each; a 4 kW vehicle stops at its cap;
        // a 1-phase charger elsewhere takes the rest of the 40 kW budget; a 45 kW floor does not fit
        var demands = List.of(threePhase("A", 22, 0, "grid"), threePhase("B", 22, 0, "grid"), threePhase("C", 4, 0, null),
                onePhase("D", 7.4, 0, Phase.L2, null), threePhase("E", 50, 45, null));
        var result = allocate(40, Sharing.EQUAL, List.of(new Limit("grid", null, 32)), List.of(), demands);
        assertThat(kw(result)).containsExactly(11.04, 11.04, 4.0, 7.4, 0.0);
        var why = result.shares().stream().map(s -> s.limitedBy().json()).toList();
        assertThat(why.get(0)).startsWith("limit:grid:L").isEqualTo(why.get(1));
        assertThat(why.subList(2, 5)).containsExactly("cap", "cap", "floor");

        var lessBudget = allocate(20, Sharing.EQUAL, List.of(new Limit("grid", null, 32)), List.of(), demands);
        assertThat(lessBudget.shares()).extracting(s -> s.limitedBy().json()).containsExactly("budget", "budget", "cap", "budget", "floor");
    }
}
