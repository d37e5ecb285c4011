package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.site.ChargerAllocation;
import dev.dynamo.site.ProfileStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's race, step by step: the pusher sends a raise the site counts, and the site makes a new decision
 * before the pusher's report that it went out arrives. The raised TxProfile may already be on the wire, so the
 * charger may draw it: the site keeps counting it at least at that raise until the pusher has told what the
 * charger may draw after it (contract 8, last paragraph; 8.1 for a comm loss in between).
 */
class RaiseOnItsWayTest {

    /** A, B and C share 30 kW (10 kW each); C stops: A and B are raised to 15 kW, which goes out at once. */
    private static HeldLimitsHarness raisesOnTheWire() {
        var site = new HeldLimitsHarness(30, List.of("A", "B", "C"));
        for (var cp : List.of("A", "B", "C")) {
            site.start(cp);
            site.acceptAll();
        }
        site.stopUnsettled("C"); // the site decides: A and B 15 kW each, counted at that
        site.runPusher(); // both raises are on the wire; the pusher's reports have not reached the site
        assertThat(site.chargers.get("A").mayDrawKw()).isEqualTo(15);
        assertThat(site.chargers.get("B").mayDrawKw()).isEqualTo(15);
        return site;
    }

    @Test
    void a_new_decision_before_the_pusher_reports_a_raise_sent_counts_the_charger_at_that_raise() {
        try (var site = raisesOnTheWire()) {
            site.budgetUnsettled(24); // 12 kW each: below the raises on their way

            var decided = site.allocation();
            assertThat(decided.allocations()).extracting(ChargerAllocation::targetKw).containsOnly(12.0);
            assertThat(decided.allocations()).as("counted at the raises they may draw")
                    .extracting(ChargerAllocation::allocatedKw).containsOnly(15.0);

            site.runPusher(); // the lowerings to 12 kW go out
            site.deliverReports();
            assertThat(site.allocation().allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(15.0);
            site.answerUnsettled("A", true); // the raise to 15 kW
            site.answerUnsettled("B", true);
            site.answerUnsettled("A", true); // the lowering to 12 kW
            site.runPusher();
            assertThat(site.allocation().charger("A").orElseThrow().allocatedKw()).as("until the report arrives").isEqualTo(15);
            site.deliverReports();
            assertThat(site.allocation().charger("A").orElseThrow().allocatedKw()).isEqualTo(12);
            assertThat(site.allocation().charger("B").orElseThrow().allocatedKw()).isEqualTo(15);

            site.settle();
            site.acceptAll();
            var settled = site.allocation();
            assertThat(settled.allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(12.0);
            assertThat(settled.allocations()).allSatisfy(a -> {
                assertThat(a.profile().state()).isEqualTo(ProfileStatus.State.IN_SYNC);
                assertThat(a.profile().limitKw()).isEqualTo(12.0);
            });
            assertThat(site.chargers.get("A").inForceKw).isEqualTo(12);
        }
    }

    @Test
    void two_decisions_before_the_pusher_runs_the_raise_of_the_first_counts_until_the_lowering_of_the_second_is_accepted() {
        try (var site = new HeldLimitsHarness(30, List.of("A", "B", "C"))) {
            for (var cp : List.of("A", "B", "C")) {
                site.start(cp);
                site.acceptAll();
            }
            site.stopUnsettled("C"); // A and B: 15 kW each, counted at that, not sent yet
            site.budgetUnsettled(20); // 10 kW each before the pusher took the raises in

            assertThat(site.allocation().allocations()).as("the pusher may still send the 15 kW")
                    .extracting(ChargerAllocation::allocatedKw).containsOnly(15.0);
            site.runPusher(); // it takes the two decisions in order: 15 kW goes out, then 10 kW
            assertThat(site.chargers.get("A").txLimitsKw).endsWith(15.0, 10.0);
            assertThat(site.chargers.get("A").mayDrawKw()).isEqualTo(15);
            site.deliverReports();
            assertThat(site.allocation().allocations()).as("lowering: counted at the raise it may have applied")
                    .extracting(ChargerAllocation::allocatedKw).containsOnly(15.0);

            site.acceptAll();
            assertThat(site.allocation().allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(10.0);
            assertThat(site.inForceSumKw()).isEqualTo(20);
        }
    }

    @Test
    void a_comm_loss_while_a_raise_is_on_its_way_and_not_reported_reserves_that_raise() {
        try (var site = raisesOnTheWire()) {
            site.disconnect("A", false); // the pusher's report and the loss reach the site together

            var reserved = site.allocation().charger("A").orElseThrow();
            assertThat(reserved.allocatedKw()).as("reserved at the raise it may have applied").isEqualTo(15);
            assertThat(reserved.profile()).isNull();
        }
    }
}
