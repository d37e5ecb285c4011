package dev.dynamo.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.contract.RateUnit;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.Strategy;
import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Contract 10 through the site layer: with {@code departure_aware} off, sessions with needs and departures are
 * allocated exactly as the same sessions without them (today's result), also after the 5-minute ticks; and
 * with it on, every rule still holds on what the site shows (sum within the budget, each within its cap).
 */
class DepartureAwareOffPropertiesTest {
    static final Instant T0 = Instant.parse("2026-11-24T16:00:00Z");

    record Case(SiteDefinition site, double budgetKw, double floorKw, List<Double> evMaxKw, List<Double> needKwh,
                List<Double> departureH) {}

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.randomValue(DepartureAwareOffPropertiesTest::randomCase);
    }

    static Case randomCase(Random random) {
        var circuits = List.of(new CircuitDefinition("row", null, 16 + random.nextInt(60)));
        var chargers = new ArrayList<ChargerDefinition>();
        int count = 1 + random.nextInt(8);
        var evMax = new ArrayList<Double>();
        var need = new ArrayList<Double>();
        var departure = new ArrayList<Double>();
        for (int i = 0; i < count; i++) {
            double kw = new double[] {7.4, 11, 22}[random.nextInt(3)];
            chargers.add(new ChargerDefinition("CP-" + i, kw, 3, 230, RateUnit.W, null, random.nextBoolean() ? "row" : null,
                    Phase.L1));
            evMax.add(random.nextInt(3) == 0 ? 3 + random.nextDouble() * 10 : null);
            need.add(random.nextInt(4) == 0 ? null : 1 + random.nextDouble() * 60);
            departure.add(random.nextInt(4) == 0 ? null : 0.2 + random.nextDouble() * 10);
        }
        var site = new SiteDefinition("dp", "dp", ZoneId.of("UTC"), 200, null, circuits, chargers);
        return new Case(site, 5 + random.nextDouble() * 80, random.nextInt(3) == 0 ? 1.4 * random.nextInt(4) : 0,
                evMax, need, departure);
    }

    /** The allocations after the starts and after {@code later}, kW by charge point id. */
    static List<Map<String, Double>> run(Case c, boolean withDepartures, boolean departureAware, Duration later) {
        try (var fixture = new SiteFixture(T0)) {
            fixture.registry.putSite(c.site(), _ -> {});
            var site = fixture.registry.site("dp").orElseThrow();
            site.storeConfig(_ -> new ChargingConfig(c.budgetKw(), Strategy.EQUAL, c.floorKw(), List.of(), List.of(), null,
                    false, T0, departureAware));
            for (int i = 0; i < c.site().chargers().size(); i++) {
                fixture.advanceTo(T0.plusSeconds(i + 1));
                var departure = c.departureH().get(i) == null ? null
                        : T0.plusSeconds(600 + (long) (c.departureH().get(i) * 3600));
                var start = withDepartures
                        ? new SessionStart(c.evMaxKw().get(i), c.needKwh().get(i), null, departure)
                        : new SessionStart(c.evMaxKw().get(i), null, null, null);
                site.startSession("CP-" + i, start, null);
            }
            var first = shares(site.view().allocation());
            fixture.advanceTo(T0.plus(later));
            return List.of(first, shares(site.view().allocation()));
        }
    }

    static Map<String, Double> shares(AllocationSnapshot snapshot) {
        var map = new TreeMap<String, Double>();
        snapshot.allocations().forEach(a -> map.put(a.chargePointId(), a.allocatedKw()));
        return map;
    }

    @Property(tries = 150)
    void with_departure_aware_off_needs_and_departures_change_no_allocation(@ForAll("cases") Case c) {
        assertThat(run(c, true, false, Duration.ofMinutes(31))).isEqualTo(run(c, false, false, Duration.ofMinutes(31)));
    }

    @Property(tries = 150)
    void with_departure_aware_on_the_shown_allocation_keeps_budget_and_caps(@ForAll("cases") Case c) {
        for (var shares : run(c, true, true, Duration.ofMinutes(31))) {
            assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isLessThanOrEqualTo(c.budgetKw() + 1e-6);
            for (int i = 0; i < c.site().chargers().size(); i++) {
                double cap = c.site().chargers().get(i).maxPowerKw();
                if (c.evMaxKw().get(i) != null) cap = Math.min(cap, c.evMaxKw().get(i));
                assertThat(shares.get("CP-" + i)).isLessThanOrEqualTo(cap + 1e-6);
            }
        }
    }
}
