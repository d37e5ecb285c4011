package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed examples of contract 10: laxity order, needed rates under a binding circuit, at_risk. */
class DepartureExamplesTest {

    private static Demand threePhase(String id, double capKw, double floorKw, String limitId) {
        return new Demand(id, capKw, floorKw, 3, Phase.L1, 230, limitId);
    }

    private static List<Double> kw(AllocationResult result) {
        return result.shares().stream().map(ChargerShare::allocatedKw).toList();
    }

    @Test
    void floors_go_in_ascending_laxity_so_the_vehicle_least_able_to_wait_is_not_the_one_queued() {
        // budget 20, floors 7: only two fit. A has no departure; B: 11 kWh in 2 h at 11 kW (laxity 1 h);
        // C: 16.5 kWh in 2 h (laxity 0.5 h, needs 8.25 kW)
        var demands = List.of(threePhase("A", 11, 7, null), threePhase("B", 11, 7, null), threePhase("C", 11, 7, null));
        var departures = Arrays.asList(null, new Departure(11, 2), new Departure(16.5, 2));

        // rule 5 alone: A and B by start, C queued, 10 kW each
        assertThat(kw(Allocator.allocate(new AllocationInput(20, Sharing.EQUAL, List.of(), List.of(), demands))))
                .containsExactly(10.0, 10.0, 0.0);
        // by laxity: C (7) then B (7), A does not fit; C rises to its 8.25 kW, then both rise from 8.25 and 7:
        // B catches up at 8.25 (1.25 kW), and the last 3.5 kW are shared: 10 each
        var result = Allocator.allocate(new AllocationInput(20, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), departures));
        assertThat(kw(result)).containsExactly(0.0, 10.0, 10.0);
    }

    @Test
    void needed_rates_under_a_binding_circuit_leave_out_the_most_energy_and_the_rest_is_shared_from_those_levels() {
        // row: 16 A per phase at 230 V on 3 phases = 11.04 kW. Y needs 8 kW (16 kWh in 2 h, laxity 0.55 h),
        // X needs 5 kW (10 kWh in 2 h, laxity 1.09 h); Z is off the row, without a departure
        var limits = List.of(new Limit("row", null, 16));
        var demands = List.of(threePhase("X", 11, 0, "row"), threePhase("Y", 11, 0, "row"), threePhase("Z", 22, 0, null));
        var departures = Arrays.asList(new Departure(10, 2), new Departure(16, 2), null);

        // equal alone: the row is split 5.52 / 5.52 and Y cannot finish (16 kWh needs 8 kW)
        var plain = Allocator.allocate(new AllocationInput(50, Sharing.EQUAL, limits, List.of(), demands));
        assertThat(kw(plain)).containsExactly(5.52, 5.52, 22.0);

        // the row cannot carry both (13 kW > 11.04 kW): over the 2 h it gives 22.08 kWh, they need 26. Least
        // laxity first alone would give Y its 8 kW and X the 3.04 left (Y finishes). One of them can finish
        // either way; leaving out the most energy (Y, 16 kWh) keeps X: X 5 kW, Y the 6.04 kW left, Z its cap
        var result = Allocator.allocate(new AllocationInput(50, Sharing.EQUAL, limits, List.of(), demands, List.of(), departures));
        assertThat(kw(result).get(0)).isEqualTo(5.0);
        assertThat(kw(result).get(1)).isCloseTo(6.04, within(0.011));
        assertThat(kw(result).get(2)).isEqualTo(22.0);
        assertThat(result.limits().getFirst().l1A()).isLessThanOrEqualTo(16 + 1e-9);
    }

    @Test
    void the_budget_left_after_the_needed_rates_is_shared_equally_from_those_levels_up() {
        // budget 30: P needs 20 kW (40 kWh in 2 h), Q has no departure: P keeps 20, Q gets the other 10;
        // with 60 kW both rise from 20 and 0: Q catches up, then both go on to their 22 kW caps
        var demands = List.of(threePhase("P", 22, 0, null), threePhase("Q", 22, 0, null));
        var departures = Arrays.asList(new Departure(40, 2), null);
        assertThat(kw(Allocator.allocate(new AllocationInput(30, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), departures))))
                .containsExactly(20.0, 10.0);
        assertThat(kw(Allocator.allocate(new AllocationInput(41, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), departures))))
                .containsExactly(20.5, 20.5);
        assertThat(kw(Allocator.allocate(new AllocationInput(60, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), departures))))
                .containsExactly(22.0, 22.0);
    }

    @Test
    void in_overload_the_sessions_that_can_finish_go_first_and_as_many_as_possible_of_them_finish() {
        // flat site, every session leaves in 10 h, 11 kW caps, no floors. Needed rates: A 10 kW (100 kWh,
        // laxity 0.91 h), B 8 (80, 2.73 h), C 7 (70, 3.64 h), D 6 (60, 4.55 h); E wants 120 kWh, more than
        // 11 kW x 10 h: at risk (laxity -0.91 h)
        var demands = List.of(threePhase("A", 11, 0, null), threePhase("B", 11, 0, null), threePhase("C", 11, 0, null),
                threePhase("D", 11, 0, null), threePhase("E", 11, 0, null));
        var departures = List.of(new Departure(100, 10), new Departure(80, 10), new Departure(70, 10),
                new Departure(60, 10), new Departure(120, 10));
        // 32 kW: least laxity first alone would give E its cap (11), A 10, B 8, C the last 3 and D nothing: two
        // at their needed rates. E cannot finish anyway, so it comes after: A, B, C, D all get theirs (31 kW),
        // E the last 1 kW
        var result = Allocator.allocate(new AllocationInput(32, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), departures));
        assertThat(kw(result)).containsExactly(10.0, 8.0, 7.0, 6.0, 1.0);

        // 21 kW for A-D alone: the four need 310 kWh beyond their floors by their departure, the budget gives
        // 210. Least laxity first would give A 10, B 8, C 3, D 0 (two finish). Moore-Hodgson leaves out the most
        // energy first: without A (100 kWh) the other three need exactly 210 kWh, so B, C and D finish
        var four = demands.subList(0, 4);
        var overloaded = Allocator.allocate(new AllocationInput(21, Sharing.EQUAL, List.of(), List.of(), four, List.of(),
                departures.subList(0, 4)));
        assertThat(kw(overloaded)).containsExactly(0.0, 8.0, 7.0, 6.0);
    }

    @Test
    void while_a_session_will_be_short_the_others_first_take_only_their_rate_by_the_real_departure() {
        // budget 20 kW, flat. K: 9 kWh left, aimed 0.9 h (10 kW), really leaves in 1 h (9 kW), cap 22.
        // S: 30 kWh left by the same times, cap 11: at risk (11 kWh at most by 1 h)
        var demands = List.of(threePhase("K", 22, 0, null), threePhase("S", 11, 0, null));
        var aimedOnly = Arrays.asList(new Departure(9, 0.9), new Departure(30, 0.9));
        var withReal = Arrays.asList(new Departure(9, 0.9, 1.0), new Departure(30, 0.9, 1.0));

        // aimed only (as before): K its 10 kW, S the 10 left
        assertThat(kw(Allocator.allocate(new AllocationInput(20, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), aimedOnly))))
                .containsExactly(10.0, 10.0);
        // with the real departure: K its 9 kW by then, S its cap 11, nothing left for K's margin: 9 + 11 = 20.
        // Over the hour K still takes 9 kWh; S takes 11 instead of 10 (and in the last 6 minutes, once K is full
        // under the aimed plan, the budget would have had no one to give its 10 kW to)
        assertThat(kw(Allocator.allocate(new AllocationInput(20, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), withReal))))
                .containsExactly(9.0, 11.0);
        // budget 25: K 9, S 11, K's margin up to its aimed 10, then the last 4 kW to K (S is at its cap): 14 / 11
        assertThat(kw(Allocator.allocate(new AllocationInput(25, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), withReal))))
                .containsExactly(14.0, 11.0);

        // nobody short (S needs 4.5 kWh: 5 kW by 0.9 h; budget 16 carries 10 + 5): the real departure changes
        // nothing; the last kW lifts S from 5 to 6
        var noneShort = Arrays.asList(new Departure(9, 0.9, 1.0), new Departure(4.5, 0.9, 1.0));
        var noneShortAimed = Arrays.asList(new Departure(9, 0.9), new Departure(4.5, 0.9));
        assertThat(kw(Allocator.allocate(new AllocationInput(16, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), noneShort))))
                .containsExactly(10.0, 6.0)
                .isEqualTo(kw(Allocator.allocate(new AllocationInput(16, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), noneShortAimed))));
        assertThatThrownBy(() -> new Departure(9, 1.0, 0.9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_hundredths_rounded_off_go_back_first_to_the_session_that_will_be_short() {
        // budget 20 kW, flat. K1-K3: 1 kWh left in 0.3 h (3.333… kW each, 10 kW together), S: 30 kWh in 0.3 h, cap 22:
        // at risk, it takes the 10 kW left. Rounded down that is 3 x 3.33 + 10 = 19.99: the hundredth goes to S
        var demands = List.of(threePhase("K1", 22, 0, null), threePhase("K2", 22, 0, null), threePhase("K3", 22, 0, null),
                threePhase("S", 22, 0, null));
        var departures = Arrays.asList(new Departure(1, 0.3), new Departure(1, 0.3), new Departure(1, 0.3), new Departure(30, 0.3));
        assertThat(kw(Allocator.allocate(new AllocationInput(20, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), departures))))
                .containsExactly(3.33, 3.33, 3.33, 10.01);
        // nobody short (budget 10 for K1-K3 alone): each may rise to its own value rounded up, least laxity first
        // (ties in the order given): 3.34, 3.33, 3.33; without departures the same site is rounded down as today
        var three = demands.subList(0, 3);
        assertThat(kw(Allocator.allocate(new AllocationInput(10, Sharing.EQUAL, List.of(), List.of(), three, List.of(),
                departures.subList(0, 3))))).containsExactly(3.34, 3.33, 3.33);
        assertThat(kw(Allocator.allocate(new AllocationInput(10, Sharing.EQUAL, List.of(), List.of(), three, List.of(),
                Arrays.asList(null, null, null))))).containsExactly(3.33, 3.33, 3.33);
    }

    @Test
    void negative_laxities_order_most_negative_first_and_ties_keep_the_order_given() {
        // one floor of 5 fits in 5 kW: the least laxity wins, a tie goes to the earlier
        var demands = List.of(threePhase("L-1", 11, 5, null), threePhase("L-2", 11, 5, null), threePhase("L-3", 11, 5, null),
                threePhase("L-4", 11, 5, null));
        // laxities: 2 - 33/11 = -1 h, 2 - 44/11 = -2 h, -2 h again, +1 h
        var departures = List.of(new Departure(33, 2), new Departure(44, 2), new Departure(44, 2), new Departure(11, 2));
        var result = Allocator.allocate(new AllocationInput(5, Sharing.EQUAL, List.of(), List.of(), demands, List.of(), departures));
        assertThat(kw(result)).containsExactly(0.0, 5.0, 0.0, 0.0);
    }

    @Test
    void at_risk_exactly_when_the_remaining_energy_cannot_be_delivered_by_the_departure_even_at_the_cap() {
        assertThat(new Departure(44, 2).atRisk(22)).as("exactly enough").isFalse();
        assertThat(new Departure(44.01, 2).atRisk(22)).isTrue();
        assertThat(new Departure(50, 2).atRisk(22)).isTrue();
        assertThat(new Departure(0, 2).atRisk(22)).as("nothing left to take").isFalse();
        assertThat(new Departure(-3, 2).atRisk(22)).as("more delivered than needed").isFalse();
        assertThat(new Departure(1, 0).atRisk(22)).as("due with energy left").isTrue();
        assertThat(new Departure(1, -1).atRisk(22)).as("past with energy left").isTrue();
        assertThat(new Departure(1, 2).atRisk(0)).as("a cap of 0 delivers nothing").isTrue();
        assertThat(new Departure(0, 2).laxityHours(22)).isInfinite();
        assertThat(new Departure(11, 2).laxityHours(22)).isEqualTo(1.5);
        assertThat(new Departure(11, 2).neededKw()).isEqualTo(5.5);
    }

    @Test
    void departures_are_one_per_demand_and_for_equal_sharing_only() {
        var demands = List.of(threePhase("A", 11, 0, null));
        assertThatThrownBy(() -> new AllocationInput(10, Sharing.EQUAL, List.of(), List.of(), demands, List.of(),
                List.of(new Departure(1, 1), new Departure(1, 1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AllocationInput(10, Sharing.PRIORITY, List.of(), List.of(), demands, List.of(),
                List.of(new Departure(1, 1)))).isInstanceOf(IllegalArgumentException.class);
    }
}
