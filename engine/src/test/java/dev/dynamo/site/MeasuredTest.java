package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.Strategy;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What meter values change (contract 7.1 phases learned, 7.3 unused power), through the site's meter input. */
class MeasuredTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static ChargingConfig redistributing(double maxPowerKw, double floorKw) {
        return new ChargingConfig(maxPowerKw, Strategy.EQUAL, floorKw, List.of(), List.of(), null, true, T0);
    }

    /** CP-A 22 kW and CP-B 50 kW share 44 kW equally: 22 kW each. */
    private static SiteHandle twoCharging(SiteFixture fixture, double floorKw) {
        fixture.registry.putSite(site("depot", 100, List.of(charger("CP-A", 22), charger("CP-B", 50))), _ -> {});
        var site = fixture.registry.site("depot").orElseThrow();
        site.storeConfig(_ -> redistributing(44, floorKw));
        site.startSession("CP-A", SessionStart.NONE, null);
        site.startSession("CP-B", SessionStart.NONE, null);
        return site;
    }

    private static ChargerAllocation of(SiteHandle site, String cp) {
        return site.view().allocation().charger(cp).orElseThrow();
    }

    private void at(SiteFixture fixture, Duration sinceStart) {
        fixture.advanceTo(T0.plus(sinceStart));
    }

    @Test
    void a_vehicle_tapering_to_3_kw_frees_its_power_at_the_meter_value_and_gets_it_back_when_it_draws_again() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoCharging(fixture, 0);
            site.meterValue("CP-A", 22, null);
            assertThat(fixture.triggers()).doesNotContain("measured");

            at(fixture, Duration.ofSeconds(10));
            site.meterValue("CP-A", 3, null);
            // lowered to 3 kW + max(1, 10% of 22) at once: the decision is made at the meter value's instant
            var lowered = site.view().allocation();
            assertThat(lowered.trigger()).isEqualTo(Trigger.MEASURED);
            assertThat(lowered.calculatedAt()).isEqualTo(T0.plusSeconds(10));
            assertThat(of(site, "CP-A").capKw()).isEqualTo(5.2);
            assertThat(of(site, "CP-A").capReason()).isEqualTo(CapReason.MEASURED);
            assertThat(of(site, "CP-B").allocatedKw()).isEqualTo(38.8);

            // still 3 kW on the next value: judged against its 5.2 kW allocation, lowered to 3 + 1
            at(fixture, Duration.ofSeconds(20));
            site.meterValue("CP-A", 3, null);
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(4);
            assertThat(of(site, "CP-B").allocatedKw()).as("about 18 kW freed").isEqualTo(40);

            // it draws again: 95% of the lowered cap lifts it
            at(fixture, Duration.ofSeconds(30));
            site.meterValue("CP-A", 3.8, null);
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(22);
            assertThat(of(site, "CP-A").capReason()).isEqualTo(CapReason.CHARGER);
            assertThat(of(site, "CP-B").allocatedKw()).isEqualTo(22);

            // no lowering for 5 minutes after a lift
            at(fixture, Duration.ofSeconds(90));
            site.meterValue("CP-A", 3, null);
            at(fixture, Duration.ofSeconds(329));
            site.meterValue("CP-A", 3, null);
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(22);
            at(fixture, Duration.ofSeconds(330));
            site.meterValue("CP-A", 3, null);
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(5.2);

            assertThat(fixture.triggers()).containsExactly("config", "session_start", "session_start",
                    "measured", "measured", "measured", "measured");
        }
    }

    @Test
    void a_lowered_cap_is_lifted_when_the_last_meter_value_is_older_than_120_s() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoCharging(fixture, 0);
            site.meterValue("CP-A", 3, null);
            assertThat(of(site, "CP-A").capReason()).isEqualTo(CapReason.MEASURED);

            at(fixture, Duration.ofSeconds(120));
            assertThat(of(site, "CP-A").capReason()).isEqualTo(CapReason.MEASURED);
            at(fixture, Duration.ofSeconds(121));
            var lifted = site.view().allocation();
            assertThat(lifted.trigger()).isEqualTo(Trigger.MEASURED);
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(22);
            assertThat(of(site, "CP-A").capReason()).isEqualTo(CapReason.CHARGER);
        }
    }

    @Test
    void a_lowered_cap_never_goes_below_the_floor_and_is_lifted_at_95_percent_of_the_cap_in_force() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoCharging(fixture, 10);
            site.meterValue("CP-A", 3, null);
            assertThat(of(site, "CP-A").capKw()).isEqualTo(10);
            assertThat(of(site, "CP-A").capReason()).isEqualTo(CapReason.MEASURED);
            assertThat(of(site, "CP-B").allocatedKw()).isEqualTo(34);

            site.meterValue("CP-A", 9, null);
            assertThat(of(site, "CP-A").capKw()).isEqualTo(10);
            site.meterValue("CP-A", 9.5, null);
            assertThat(of(site, "CP-A").capKw()).isEqualTo(22);
        }
    }

    @Test
    void one_phase_is_learned_after_a_minute_of_current_on_one_phase_and_three_at_once_when_more_draw() {
        try (var fixture = new SiteFixture(T0)) {
            fixture.registry.putSite(site("depot", 100, List.of(charger("CP-A", 22))), _ -> {});
            var site = fixture.registry.site("depot").orElseThrow();
            site.storeConfig(_ -> new ChargingConfig(44, Strategy.EQUAL, 0, List.of(), List.of(), null, false, T0));
            site.startSession("CP-A", SessionStart.NONE, null);

            site.meterValue("CP-A", 7, 1);
            at(fixture, Duration.ofSeconds(30));
            site.meterValue("CP-A", 7, 3); // a second phase drew again: the minute starts over
            at(fixture, Duration.ofSeconds(40));
            site.meterValue("CP-A", 7, 1);
            at(fixture, Duration.ofSeconds(99));
            site.meterValue("CP-A", 7, 1);
            assertThat(of(site, "CP-A").phasesInUse()).isEqualTo(3);
            assertThat(fixture.triggers()).doesNotContain("measured");

            at(fixture, Duration.ofSeconds(100));
            site.meterValue("CP-A", 7, 1);
            var one = of(site, "CP-A");
            assertThat(site.view().allocation().trigger()).isEqualTo(Trigger.MEASURED);
            assertThat(one.phasesInUse()).isEqualTo(1);
            assertThat(one.capKw()).isEqualTo(7.33);
            assertThat(one.capReason()).isEqualTo(CapReason.PHASES);
            assertThat(site.view().sessions().get("CP-A").phasesInUse()).isEqualTo(1);
            assertThat(fixture.store.loadSessions().getFirst().sessionJson()).containsPattern("\"phases_in_use\"\\s*:\\s*1\\b");

            at(fixture, Duration.ofSeconds(110));
            site.meterValue("CP-A", 7, 3);
            assertThat(of(site, "CP-A").phasesInUse()).isEqualTo(3);
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(22);
            assertThat(fixture.triggers()).endsWith("measured", "measured");
        }
    }
}
