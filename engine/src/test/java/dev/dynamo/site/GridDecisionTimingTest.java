package dev.dynamo.site;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.equal;
import static dev.dynamo.testing.TestSites.onCircuit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.contract.ExternalLimit;
import dev.dynamo.contract.MeterDefinition;
import dev.dynamo.contract.MeterReading;
import dev.dynamo.contract.MeterSource;
import dev.dynamo.contract.ModbusSettings;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contract 9.2 "when a reading decides" and 9.3's expiry, on a manual clock. */
class GridDecisionTimingTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final SiteFixture fixture = new SiteFixture(T0);

    @AfterEach
    void close() {
        fixture.close();
    }

    private static MeterDefinition gridMeter() {
        return new MeterDefinition("main", "grid", MeterSource.API, 60, 50, 0, null);
    }

    /** 100 kW connection, four 22 kW chargers charging under a 100 kW config. */
    private SiteHandle depot(List<MeterDefinition> meters) {
        var chargers = List.of(charger("CP-1", 22), charger("CP-2", 22), charger("CP-3", 22), charger("CP-4", 22));
        fixture.registry.putSite(new SiteDefinition("depot", "Depot", ZoneId.of("UTC"), 100, null, List.of(), chargers,
                meters), _ -> {});
        var site = fixture.registry.site("depot").orElseThrow();
        site.storeConfig(_ -> equal(100, 0, T0));
        for (var cp : List.of("CP-1", "CP-2", "CP-3", "CP-4")) site.startSession(cp, SessionStart.NONE, null);
        return site;
    }

    private void at(int seconds) {
        fixture.advanceTo(T0.plusSeconds(seconds));
    }

    private static MeterReading reading(double kw) {
        return new MeterReading(kw, null, null);
    }

    private double budget(SiteHandle site) {
        return site.view().allocation().totalBudgetKw();
    }

    private String binding(SiteHandle site) {
        return site.view().allocation().budget().binding();
    }

    @Test
    void a_site_without_meters_or_limits_keeps_the_config_budget() {
        var site = depot(List.of());
        assertThat(budget(site)).isEqualTo(100);
        assertThat(binding(site)).isEqualTo("config");
        assertThat(site.view().allocation().budget().gridHeadroomKw()).isNull();
        assertThat(site.view().meters()).isEmpty();
    }

    @Test
    void lowering_is_at_once_a_raise_is_held_ten_seconds_and_stale_and_fresh_decide_at_once() {
        var site = depot(List.of(gridMeter()));
        // never read: stale from the start, on its fallback of 50 kW
        assertThat(budget(site)).isEqualTo(50);
        assertThat(binding(site)).isEqualTo("meter_fallback");
        var before = fixture.decisions.size();

        at(1);
        assertThat(site.postMeterReading("main", reading(60))).isEqualTo(SiteHandle.ReadingTaken.DECIDED); // fresh: at once
        assertThat(budget(site)).isEqualTo(40);
        assertThat(binding(site)).isEqualTo("grid_meter");

        at(3);
        assertThat(site.postMeterReading("main", reading(80))).isEqualTo(SiteHandle.ReadingTaken.DECIDED); // falls 20 kW
        assertThat(budget(site)).isEqualTo(20);
        assertThat(site.view().allocation().totalAllocatedKw()).isEqualTo(20);

        at(5);
        assertThat(site.postMeterReading("main", reading(75))).isEqualTo(SiteHandle.ReadingTaken.HELD); // 2 s after
        assertThat(budget(site)).isEqualTo(20);

        at(12);
        assertThat(site.postMeterReading("main", reading(75))).isEqualTo(SiteHandle.ReadingTaken.HELD); // 9 s after
        at(13);
        assertThat(site.postMeterReading("main", reading(75))).isEqualTo(SiteHandle.ReadingTaken.DECIDED); // 10 s
        assertThat(budget(site)).isEqualTo(25);

        // 0.5 kW less is under the 1 kW threshold, but the 25 kW in force no longer fit: at once
        at(14);
        assertThat(site.postMeterReading("main", reading(75.5))).isEqualTo(SiteHandle.ReadingTaken.DECIDED);
        assertThat(site.view().allocation().totalAllocatedKw()).isLessThanOrEqualTo(24.5);

        // a small rise within the threshold: shown, no decision
        at(30);
        assertThat(site.postMeterReading("main", reading(75))).isEqualTo(SiteHandle.ReadingTaken.SHOWN);

        // older than the latest: accepted and ignored
        assertThat(site.postMeterReading("main", new MeterReading(10, null, T0.plusSeconds(20))))
                .isEqualTo(SiteHandle.ReadingTaken.OLDER_IGNORED);
        assertThat(site.view().meters().getFirst().powerKw()).isEqualTo(75);

        // the meter goes quiet: stale after 60 s, a decision at once on the fallback (a raise, not held)
        var decided = fixture.decisions.size();
        at(90); // exactly 60 s old: still fresh
        assertThat(fixture.decisions).hasSize(decided);
        at(91);
        assertThat(fixture.decisions).hasSize(decided + 1);
        assertThat(fixture.triggers().getLast()).isEqualTo("meter");
        assertThat(budget(site)).isEqualTo(50);
        assertThat(binding(site)).isEqualTo("meter_fallback");
        assertThat(site.view().meters().getFirst().stale()).isTrue();
        assertThat(site.view().meters().getFirst().otherLoadKw()).isEqualTo(50);

        // fresh again: at once, whatever the hold
        at(92);
        assertThat(site.postMeterReading("main", reading(70))).isEqualTo(SiteHandle.ReadingTaken.DECIDED);
        assertThat(budget(site)).isEqualTo(30);
        assertThat(fixture.decisions.subList(before, fixture.decisions.size()))
                .allSatisfy(d -> assertThat(d.trigger()).isEqualTo("meter"));
    }

    @Test
    void chargers_with_fresh_meter_values_are_not_counted_as_other_load() {
        var site = depot(List.of(gridMeter()));
        at(1);
        site.meterValue("CP-1", 10, null);
        site.meterValue("CP-2", 10, null);
        site.postMeterReading("main", reading(60)); // 20 kW of it are two chargers: other load 40
        assertThat(site.view().meters().getFirst().otherLoadKw()).isEqualTo(40);
        assertThat(budget(site)).isEqualTo(60);
        // their meter values grow older than stale_after_s: they count in the other load again
        at(70);
        site.postMeterReading("main", reading(60));
        assertThat(site.view().meters().getFirst().otherLoadKw()).isEqualTo(60);
        assertThat(budget(site)).isEqualTo(40);
    }

    @Test
    void a_charger_connected_over_ocpp_reports_its_own_meter() {
        var site = depot(List.of(gridMeter()));
        site.connected("CP-1");
        assertThatThrownBy(() -> site.postChargerMeter("CP-1", new dev.dynamo.contract.ChargerMeter(5.0, null, null, null)))
                .isInstanceOf(SiteStateException.class)
                .extracting(e -> ((SiteStateException) e).kind()).isEqualTo(SiteStateException.Kind.CONFLICT);
        site.postChargerMeter("CP-2", new dev.dynamo.contract.ChargerMeter(null, Map.of(Phase.L1, 10.0, Phase.L2, 10.0,
                Phase.L3, 10.0), null, null));
        assertThat(site.view().allocation().charger("CP-2").orElseThrow().measuredKw()).isCloseTo(6.9,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void a_circuit_meter_lowers_its_breaker_per_phase() {
        var circuit = new CircuitDefinition("row", null, 32);
        var chargers = List.of(onCircuit("CP-1", 22, "row"), onCircuit("CP-2", 22, "row"));
        var meter = new MeterDefinition("row-meter", "row", MeterSource.API, 60, 0, 0, null);
        fixture.registry.putSite(new SiteDefinition("depot", "Depot", ZoneId.of("UTC"), 100, null, List.of(circuit),
                chargers, List.of(meter)), _ -> {});
        var site = fixture.registry.site("depot").orElseThrow();
        site.storeConfig(_ -> equal(100, 0, T0));
        site.startSession("CP-1", SessionStart.NONE, null);
        site.startSession("CP-2", SessionStart.NONE, null);
        at(1);
        // 12 A of other load on L1 only (chargers without meter values count in it: they draw nothing yet)
        site.postMeterReading("row-meter", new MeterReading(2.76, Map.of(Phase.L1, 12.0, Phase.L2, 0.0, Phase.L3, 0.0), null));
        var row = site.view().allocation().circuits().getFirst();
        assertThat(row.l1A()).isLessThanOrEqualTo(20 + 1e-6);
        assertThat(row.l1A()).isGreaterThan(19.9);
    }

    @Test
    void an_external_limit_binds_until_it_expires_like_a_schedule_boundary() {
        var site = depot(List.of());
        at(1);
        var created = site.setExternalLimit(new ExternalLimit("dso", 30, T0.plusSeconds(60), "curtailment", T0.plusSeconds(1)));
        assertThat(created).isTrue();
        assertThat(budget(site)).isEqualTo(30);
        assertThat(binding(site)).isEqualTo("external:dso");
        assertThat(site.view().allocation().budget().externalKw()).isEqualTo(30);
        assertThat(fixture.triggers().getLast()).isEqualTo("external");
        assertThat(fixture.store.loadExternalLimits()).hasSize(1);

        assertThat(site.setExternalLimit(new ExternalLimit("dso", 40, T0.plusSeconds(60), null, T0.plusSeconds(2)))).isFalse();
        assertThat(budget(site)).isEqualTo(40);

        var decided = fixture.decisions.size();
        at(59);
        assertThat(fixture.decisions).hasSize(decided);
        at(60);
        assertThat(fixture.decisions).hasSize(decided + 1);
        assertThat(fixture.triggers().getLast()).isEqualTo("external");
        assertThat(budget(site)).isEqualTo(100);
        assertThat(site.view().limits()).isEmpty();
        assertThat(fixture.store.loadExternalLimits()).isEmpty();
    }

    @Test
    void lifting_decides_and_an_unknown_source_or_a_polled_meter_is_refused() {
        var modbus = new MeterDefinition("polled", "grid", MeterSource.MODBUS, 60, 10, 0,
                new ModbusSettings("10.0.0.8", 502, 1, 1000, null));
        var site = depot(List.of(modbus));
        site.setExternalLimit(new ExternalLimit("ems", 20, null, null, T0));
        site.liftExternalLimit("ems");
        assertThat(fixture.triggers().subList(fixture.triggers().size() - 2, fixture.triggers().size()))
                .containsExactly("external", "external");
        assertThatThrownBy(() -> site.liftExternalLimit("ems")).isInstanceOf(SiteStateException.class)
                .extracting(e -> ((SiteStateException) e).kind()).isEqualTo(SiteStateException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> site.postMeterReading("polled", reading(1))).isInstanceOf(SiteStateException.class)
                .extracting(e -> ((SiteStateException) e).kind()).isEqualTo(SiteStateException.Kind.CONFLICT);
        assertThatThrownBy(() -> site.postMeterReading("nope", reading(1))).isInstanceOf(SiteStateException.class)
                .extracting(e -> ((SiteStateException) e).kind()).isEqualTo(SiteStateException.Kind.NOT_FOUND);
    }
}
