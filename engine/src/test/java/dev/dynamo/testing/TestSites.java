package dev.dynamo.testing;

import dev.dynamo.allocation.Phase;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.contract.RateUnit;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.Strategy;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

/** Small site definitions and configs for tests. */
public final class TestSites {
    private TestSites() {}

    public static ChargerDefinition charger(String id, double maxPowerKw) {
        return new ChargerDefinition(id, maxPowerKw, 3, 230, RateUnit.W, null, null, Phase.L1);
    }

    public static ChargerDefinition onePhase(String id, double maxPowerKw, Phase phase, String circuitId) {
        return new ChargerDefinition(id, maxPowerKw, 1, 230, RateUnit.W, null, circuitId, phase);
    }

    public static ChargerDefinition onCircuit(String id, double maxPowerKw, String circuitId) {
        return new ChargerDefinition(id, maxPowerKw, 3, 230, RateUnit.W, null, circuitId, Phase.L1);
    }

    public static SiteDefinition site(String id, double capacityKw, List<ChargerDefinition> chargers) {
        return new SiteDefinition(id, "Site " + id, ZoneId.of("Europe/Amsterdam"), capacityKw, null, List.of(), chargers);
    }

    public static SiteDefinition site(String id, double capacityKw, Double gridCurrentA, List<CircuitDefinition> circuits,
                                      List<ChargerDefinition> chargers) {
        return new SiteDefinition(id, "Site " + id, ZoneId.of("Europe/Amsterdam"), capacityKw, gridCurrentA, circuits, chargers);
    }

    public static ChargingConfig equal(double maxPowerKw, double floorKw, Instant at) {
        return new ChargingConfig(maxPowerKw, Strategy.EQUAL, floorKw, List.of(), List.of(), null, false, at);
    }

    public static ChargingConfig priority(double maxPowerKw, double floorKw, List<String> order, Instant at) {
        return new ChargingConfig(maxPowerKw, Strategy.PRIORITY, floorKw, order, List.of(), null, false, at);
    }

    public static ChargingConfig scheduled(double maxPowerKw, List<ScheduleWindow> windows, Instant at) {
        return new ChargingConfig(maxPowerKw, Strategy.SCHEDULED, 0, List.of(), windows, null, false, at);
    }

    public static ScheduleWindow everyDay(int startMinute, int endMinute, double maxPowerKw) {
        return new ScheduleWindow(EnumSet.allOf(DayOfWeek.class), startMinute, endMinute, maxPowerKw, Sharing.EQUAL);
    }
}
