package dev.dynamo.site;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.Strategy;
import dev.dynamo.testing.SiteFixture;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SiteHandle#previewConfig}: the decision a config would make now, with nothing applied (contract 11). */
class PreviewConfigTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static ChargingConfig equal(double maxPowerKw, double floorKw, boolean redistribute) {
        return new ChargingConfig(maxPowerKw, Strategy.EQUAL, floorKw, List.of(), List.of(), null, redistribute, T0);
    }

    private static SiteHandle twoCharging(SiteFixture fixture) {
        fixture.registry.putSite(site("depot", 100, List.of(charger("CP-A", 22), charger("CP-B", 50))), _ -> {});
        var site = fixture.registry.site("depot").orElseThrow();
        site.storeConfig(_ -> equal(44, 0, true));
        site.startSession("CP-A", SessionStart.NONE, null);
        site.startSession("CP-B", SessionStart.NONE, null);
        return site;
    }

    @Test
    void a_preview_decides_as_storing_would_but_records_applies_and_stores_nothing() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoCharging(fixture);
            var before = site.view();
            var decisions = fixture.decisions.size();

            var preview = site.previewConfig(_ -> new ChargingConfig(30, Strategy.PRIORITY, 0, List.of("CP-B", "CP-A"),
                    List.of(), null, false, T0));

            assertThat(preview.strategy()).isEqualTo(Strategy.PRIORITY);
            assertThat(preview.totalBudgetKw()).isEqualTo(30);
            assertThat(preview.charger("CP-B").orElseThrow().allocatedKw()).isEqualTo(30);
            assertThat(preview.charger("CP-A").orElseThrow().status()).isEqualTo(ChargerStatus.QUEUED);
            assertThat(fixture.decisions).hasSize(decisions);
            assertThat(site.view()).isSameAs(before);
            assertThat(site.view().config().maxPowerKw()).isEqualTo(44);
            assertThat(site.view().allocation().charger("CP-A").orElseThrow().allocatedKw()).isEqualTo(22);
        }
    }

    @Test
    void a_cap_lowered_to_metered_power_holds_in_a_preview_only_while_redistribution_stays_on() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoCharging(fixture);
            fixture.advanceTo(T0.plusSeconds(10));
            site.meterValue("CP-A", 3, null);
            assertThat(site.view().allocation().charger("CP-A").orElseThrow().capKw()).isEqualTo(5.2);

            var kept = site.previewConfig(_ -> equal(44, 0, true));
            var dropped = site.previewConfig(_ -> equal(44, 0, false));

            assertThat(kept.charger("CP-A").orElseThrow().allocatedKw()).isEqualTo(5.2);
            assertThat(dropped.charger("CP-A").orElseThrow().allocatedKw()).isEqualTo(22);
            assertThat(dropped.charger("CP-A").orElseThrow().capReason()).isEqualTo(CapReason.CHARGER);
        }
    }

    @Test
    void a_site_without_config_previews_its_sessions() {
        try (var fixture = new SiteFixture(T0)) {
            fixture.registry.putSite(site("bare", 100, List.of(charger("CP-A", 22), charger("CP-B", 22))), _ -> {});
            var site = fixture.registry.site("bare").orElseThrow();
            site.startSession("CP-A", SessionStart.NONE, null);
            site.startSession("CP-B", SessionStart.NONE, null);

            var preview = site.previewConfig(_ -> equal(30, 0, false));

            assertThat(preview.totalAllocatedKw()).isEqualTo(30);
            assertThat(site.view().configIfAny()).isEmpty();
            assertThat(fixture.decisions).isEmpty();
        }
    }

    @Test
    void a_preview_has_no_profile_state_and_a_profile_change_keeps_the_budget_parts() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoCharging(fixture);
            site.setExternalLimit(new dev.dynamo.contract.ExternalLimit("dso", 30, null, null, T0));
            var budget = site.view().allocation().budget();
            assertThat(budget.binding()).isEqualTo("external:dso");
            site.profiles(java.util.Map.of("CP-A", new ProfileStatus(ProfileStatus.State.REFUSED, 11.0, T0)), java.util.Set.of());
            assertThat(site.view().allocation().charger("CP-A").orElseThrow().profile()).isNotNull();
            assertThat(site.view().allocation().budget()).isEqualTo(budget);

            var preview = site.previewConfig(_ -> equal(44, 0, true));

            assertThat(preview.allocations()).allSatisfy(a -> assertThat(a.profile()).isNull());
        }
    }
}
