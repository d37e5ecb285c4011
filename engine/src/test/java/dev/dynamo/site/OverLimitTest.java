package dev.dynamo.site;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.equal;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.contract.SessionStart;
import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract 11: a charger that ignores its accepted limit is flagged and counted at what it draws. */
class OverLimitTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static SiteHandle twoAccepted(SiteFixture fixture) {
        fixture.registry.putSite(site("depot", 100, List.of(charger("CP-A", 22), charger("CP-B", 22))), _ -> {});
        var site = fixture.registry.site("depot").orElseThrow();
        site.storeConfig(_ -> equal(30, 0, T0));
        site.connected("CP-A");
        site.connected("CP-B");
        site.startSession("CP-A", SessionStart.NONE, 1);
        site.startSession("CP-B", SessionStart.NONE, 2);
        site.limitsAcknowledged(Map.of("CP-A", 15.0, "CP-B", 15.0));
        site.mayDraw(Map.of("CP-A", 15.0, "CP-B", 15.0));
        site.awaitIdle();
        return site;
    }

    private static ChargerAllocation of(SiteHandle site, String cp) {
        return site.view().allocation().charger(cp).orElseThrow();
    }

    @Test
    void drawing_more_than_accepted_for_a_minute_is_over_limit_and_counted_at_the_metered_power_until_it_complies() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoAccepted(fixture);
            assertThat(of(site, "CP-A").overLimit()).isFalse();

            site.meterValue("CP-A", 20, null); // 15 accepted + max(1, 1.5) = 16.5: above
            fixture.advanceTo(T0.plusSeconds(59));
            assertThat(of(site, "CP-A").overLimit()).as("not yet a minute").isFalse();

            fixture.advanceTo(T0.plusSeconds(60));
            assertThat(of(site, "CP-A").overLimit()).isTrue();
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(20);
            assertThat(of(site, "CP-B").targetKw()).isEqualTo(10);
            // contract 8: CP-B counts at the 15 kW it accepted until it accepts its lowering
            assertThat(of(site, "CP-B").allocatedKw()).isEqualTo(15);
            var decisions = fixture.decisions.size();
            site.mayDraw(Map.of("CP-B", 10.0));
            assertThat(of(site, "CP-B").allocatedKw()).isEqualTo(10);
            assertThat(site.view().allocation().totalAllocatedKw()).isEqualTo(30);
            assertThat(fixture.decisions).as("counted again, not decided again").hasSize(decisions);

            fixture.advanceTo(T0.plusSeconds(70));
            site.meterValue("CP-A", 16, null); // within the margin: it complies
            assertThat(of(site, "CP-A").overLimit()).isFalse();
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(15);
            assertThat(of(site, "CP-B").allocatedKw()).isEqualTo(15);
        }
    }

    @Test
    void an_over_limit_charger_whose_meter_goes_quiet_is_no_longer_flagged() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoAccepted(fixture);
            site.meterValue("CP-A", 20, null);
            fixture.advanceTo(T0.plusSeconds(61));
            assertThat(of(site, "CP-A").overLimit()).isTrue();

            fixture.advanceTo(T0.plus(Duration.ofSeconds(121)));
            assertThat(of(site, "CP-A").overLimit()).as("its meter value is stale").isFalse();
            assertThat(of(site, "CP-A").allocatedKw()).isEqualTo(15);
        }
    }

    @Test
    void the_profile_state_told_by_the_connector_is_shown_at_once_without_a_decision() {
        try (var fixture = new SiteFixture(T0)) {
            var site = twoAccepted(fixture);
            var decisions = fixture.decisions.size();
            var refused = new ProfileStatus(ProfileStatus.State.REFUSED, 15.0, T0);

            site.profiles(Map.of("CP-A", refused), Set.of());
            assertThat(of(site, "CP-A").profile()).isEqualTo(refused);
            assertThat(of(site, "CP-B").profile()).isNull();
            assertThat(fixture.decisions).hasSize(decisions);

            site.profiles(Map.of(), Set.of("CP-A"));
            assertThat(of(site, "CP-A").profile()).isNull();
        }
    }
}
