package dev.dynamo.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Phase;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What the API answers can be sent back unchanged: GET, edit, PUT round trips. */
class RoundTripTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    @Property(tries = 200)
    void a_site_response_reads_back_as_the_same_site(@ForAll("sites") SiteDefinition site) {
        assertThat(SiteDefinitionReader.read(ContractJson.siteResponse(site), site.siteId())).isEqualTo(site);
    }

    @Property(tries = 200)
    void a_config_response_reads_back_as_the_same_config(@ForAll("configs") ChargingConfig config) {
        var site = Requests.DEPOT_NORTH;
        assertThat(ConfigReader.read(ContractJson.configResponse(site.siteId(), config), site, NOW)).isEqualTo(config);
    }

    @Provide
    Arbitrary<SiteDefinition> sites() {
        var circuitCount = Arbitraries.integers().between(0, 4);
        var capacity = Arbitraries.doubles().between(1, 2000).ofScale(2);
        var zone = Arbitraries.of("Europe/Amsterdam", "America/New_York", "UTC", "Asia/Kolkata");
        var gridCurrent = Arbitraries.doubles().between(1, 1000).ofScale(1).injectNull(0.3);
        return Combinators.combine(circuitCount, capacity, zone, gridCurrent).flatAs((n, capacityKw, zoneId, currentA) -> {
            var circuits = new ArrayList<CircuitDefinition>();
            for (int i = 0; i < n; i++) {
                // Each circuit hangs under an earlier one or the grid: a tree by construction.
                circuits.add(new CircuitDefinition("c" + i, i == 0 || i % 2 == 1 ? null : "c" + (i - 1), 16 + i));
            }
            var circuitIds = new ArrayList<String>();
            circuitIds.add(null);
            circuits.forEach(c -> circuitIds.add(c.circuitId()));
            return chargers(circuitIds).map(chargers -> new SiteDefinition("site-" + n, "Site " + n, ZoneId.of(zoneId),
                    capacityKw, currentA, circuits, chargers));
        });
    }

    private Arbitrary<List<ChargerDefinition>> chargers(List<String> circuitIds) {
        var charger = Combinators.combine(Arbitraries.doubles().between(1, 350).ofScale(1), Arbitraries.of(1, 3),
                Arbitraries.of(230.0, 120.0, 240.0), Arbitraries.of(RateUnit.class), Arbitraries.of(circuitIds),
                Arbitraries.of(Phase.class)).as((kw, phases, volts, unit, circuit, phase) ->
                new ChargerDefinition("?", kw, phases, volts, unit, null, circuit, phase));
        return charger.list().ofMaxSize(6).map(list -> {
            var named = new ArrayList<ChargerDefinition>();
            for (int i = 0; i < list.size(); i++) {
                var c = list.get(i);
                named.add(new ChargerDefinition("CP-" + i, c.maxPowerKw(), c.phases(), c.voltageV(), c.chargingRateUnit(),
                        null, c.circuitId(), c.phase()));
            }
            return named;
        });
    }

    @Provide
    Arbitrary<ChargingConfig> configs() {
        var maxPower = Arbitraries.doubles().between(0.1, 250).ofScale(2);
        var strategy = Arbitraries.of(Strategy.class);
        var floorShare = Arbitraries.doubles().between(0, 1).ofScale(2);
        var priorityOrder = Arbitraries.shuffle("CP-001", "CP-002", "CP-003").flatMap(
                all -> Arbitraries.integers().between(1, 3).map(n -> all.subList(0, n)));
        var rotation = Arbitraries.integers().between(5, 1440).injectNull(0.5);
        return Combinators.combine(maxPower, strategy, floorShare, priorityOrder, windows(), rotation, Arbitraries.of(true, false))
                .as((kw, s, share, ids, windows, minutes, redistribute) -> new ChargingConfig(kw, s,
                        Math.floor(kw * share * 100) / 100, ids, windows, s == Strategy.PRIORITY ? null : minutes,
                        redistribute, NOW));
    }

    /** Windows on distinct days, each ending before midnight or at 24:00: never overlapping. */
    private Arbitrary<List<ScheduleWindow>> windows() {
        var window = Combinators.combine(Arbitraries.integers().between(0, 1438), Arbitraries.integers().between(1, 1440),
                Arbitraries.doubles().between(0, 250).ofScale(1), Arbitraries.of(Sharing.class))
                .as((start, length, kw, sharing) -> new int[] {start, Math.min(1440, start + length), (int) (kw * 10), sharing.ordinal()});
        return Arbitraries.subsetOf(DayOfWeek.values()).ofMinSize(1).flatMap(days -> window.list().ofSize(days.size())
                .map(spans -> {
                    var sorted = days.stream().sorted().toList();
                    var windows = new ArrayList<ScheduleWindow>();
                    for (int i = 0; i < sorted.size(); i++) {
                        var s = spans.get(i);
                        windows.add(new ScheduleWindow(Set.of(sorted.get(i)), s[0], s[1], s[2] / 10.0, Sharing.values()[s[3]]));
                    }
                    return windows;
                }));
    }
}
