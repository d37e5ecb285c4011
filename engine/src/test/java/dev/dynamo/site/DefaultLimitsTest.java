package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.contract.RateUnit;
import dev.dynamo.contract.SiteDefinition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Phase;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The TxDefaultProfile rule: every charger drawing its default at once stays within every limit, per phase. */
class DefaultLimitsTest {

    private static ChargerDefinition charger(String id, int phases, RateUnit unit, Phase phase, String circuitId) {
        return new ChargerDefinition(id, 22, phases, 230, unit, null, circuitId, phase);
    }

    private static SiteDefinition site(double capacityKw, Double gridA, List<CircuitDefinition> circuits,
                                       List<ChargerDefinition> chargers) {
        return new SiteDefinition("s", "s", ZoneOffset.UTC, capacityKw, gridA, circuits, chargers);
    }

    @Test
    void a_limit_in_watts_on_a_three_phase_charger_fits_the_breaker_on_one_phase() {
        var circuits = List.of(new CircuitDefinition("c1", null, 32));
        var limits = DefaultLimits.kwByCharger(site(100, null, circuits, List.of(
                charger("W", 3, RateUnit.W, Phase.L1, "c1"))));
        // a 1-phase vehicle may draw all of it on L1: 32 A × 230 V
        assertThat(limits).containsEntry("W", 7.36);
    }

    @Test
    void a_limit_in_amperes_per_phase_holds_on_each_phase_so_three_phases_count() {
        var circuits = List.of(new CircuitDefinition("c1", null, 32));
        var limits = DefaultLimits.kwByCharger(site(100, null, circuits, List.of(
                charger("A", 3, RateUnit.A, Phase.L1, "c1"), charger("B", 3, RateUnit.A, Phase.L1, "c1"))));
        // 16 A per phase each: 3 × 16 A × 230 V
        assertThat(limits).containsEntry("A", 11.04).containsEntry("B", 11.04);
    }

    @Property(tries = 2_000)
    void chargers_drawing_their_defaults_fit_every_limit_on_every_phase_whatever_the_vehicles_draw_on(
            @ForAll("sites") SiteDefinition site) {
        var defaults = DefaultLimits.kwByCharger(site);

        assertThat(defaults.values().stream().mapToDouble(Double::doubleValue).sum())
                .isLessThanOrEqualTo(site.gridConnectionCapacityKw() + 1e-6);
        var parents = new HashMap<String, String>();
        var maxA = new HashMap<String, Double>();
        site.circuits().forEach(c -> {
            parents.put(c.circuitId(), c.parentId());
            maxA.put(c.circuitId(), c.maxCurrentA());
        });
        var worstA = new HashMap<String, double[]>();
        for (var charger : site.chargers()) {
            var kw = defaults.get(charger.chargePointId());
            for (var c = charger.circuitId(); ; c = parents.get(c)) {
                var load = worstA.computeIfAbsent(Objects.requireNonNullElse(c, ""), _ -> new double[3]);
                for (var p : Phase.values()) load[p.ordinal()] += worstCurrentA(charger, kw, p);
                if (c == null) break;
            }
        }
        worstA.forEach((limit, load) -> {
            var limitA = limit.isEmpty() ? site.gridConnectionCurrentA() : maxA.get(limit);
            if (limitA == null) return;
            for (var p : Phase.values()) {
                assertThat(load[p.ordinal()]).as("%s on %s", limit.isEmpty() ? "grid" : limit, p)
                        .isLessThanOrEqualTo(limitA + 1e-6);
            }
        });
    }

    /** The most current the charger can put on phase p at this default, whatever its vehicle does. */
    private static double worstCurrentA(ChargerDefinition charger, double kw, Phase p) {
        if (charger.phases() == 1) return p == charger.phase() ? kw * 1000 / charger.voltageV() : 0;
        return charger.chargingRateUnit() == RateUnit.A
                ? kw * 1000 / (3 * charger.voltageV())  // the same current limit on each phase
                : kw * 1000 / charger.voltageV();       // a 1-phase vehicle: all of it on any one phase
    }

    @Provide
    Arbitrary<SiteDefinition> sites() {
        var circuitCount = Arbitraries.integers().between(0, 3);
        return circuitCount.flatMap(n -> {
            var ids = new ArrayList<String>();
            for (int i = 0; i < n; i++) ids.add("c" + i);
            Arbitrary<List<CircuitDefinition>> circuits = Arbitraries.integers().between(0, 1000).list().ofSize(n)
                    .flatMap(seeds -> Arbitraries.integers().between(10, 125).list().ofSize(n).map(amps -> {
                        var list = new ArrayList<CircuitDefinition>();
                        for (int i = 0; i < n; i++) {
                            // a parent among the circuits before it, or none
                            var parent = i == 0 || seeds.get(i) % 2 == 0 ? null : "c" + seeds.get(i) % i;
                            list.add(new CircuitDefinition("c" + i, parent, amps.get(i)));
                        }
                        return list;
                    }));
            var chargerCircuit = ids.isEmpty() ? Arbitraries.just((String) null)
                    : Arbitraries.of(ids).injectNull(0.3);
            Arbitrary<ChargerDefinition> charger = Combinators.combine(Arbitraries.of(1, 3),
                    Arbitraries.of(RateUnit.W, RateUnit.A), Arbitraries.of(Phase.values()), chargerCircuit)
                    .as((phases, unit, phase, circuit) -> charger("?", phases, unit, phase, circuit));
            var chargers = charger.list().ofMinSize(1).ofMaxSize(8).map(list -> {
                var named = new ArrayList<ChargerDefinition>();
                for (int i = 0; i < list.size(); i++) {
                    var c = list.get(i);
                    named.add(new ChargerDefinition("CP" + i, c.maxPowerKw(), c.phases(), c.voltageV(),
                            c.chargingRateUnit(), null, c.circuitId(), c.phase()));
                }
                return List.copyOf(named);
            });
            return Combinators.combine(Arbitraries.doubles().between(20, 300).ofScale(0),
                    Arbitraries.integers().between(16, 250).map(Double::valueOf).injectNull(0.5), circuits, chargers)
                    .as(DefaultLimitsTest::site);
        });
    }
}
