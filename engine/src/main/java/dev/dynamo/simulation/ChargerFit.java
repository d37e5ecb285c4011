package dev.dynamo.simulation;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.SiteDefinition;

/** How a vehicle fits a charger: the phases it draws on and its effective cap (contract 7.1). */
final class ChargerFit {
    private ChargerFit() {}

    static int phasesInUse(VehicleSpec vehicle, ChargerDefinition charger) {
        if (charger.phases() == 1) return 1;
        return vehicle.phasesInUse() == null ? 3 : vehicle.phasesInUse();
    }

    /** The charger's rating for the phases the vehicle uses: a third of it on one phase of a 3-phase charger. */
    static double chargerCapKw(VehicleSpec vehicle, ChargerDefinition charger) {
        return charger.phases() == 3 && phasesInUse(vehicle, charger) == 1 ? charger.maxPowerKw() / 3 : charger.maxPowerKw();
    }

    static double capKw(VehicleSpec vehicle, ChargerDefinition charger) {
        return Math.min(chargerCapKw(vehicle, charger), vehicle.maxAcceptanceKw());
    }

    /** The most a vehicle could take on any charger it may use: the bound's cap when its charger is not fixed. */
    static double bestCapKw(VehicleSpec vehicle, SiteDefinition site) {
        return site.chargers().stream()
                .filter(c -> vehicle.anyCharger() || c.chargePointId().equals(vehicle.chargePointId()))
                .mapToDouble(c -> capKw(vehicle, c)).max().orElse(0);
    }

    static ChargerDefinition charger(SiteDefinition site, String chargePointId) {
        return site.chargers().stream().filter(c -> c.chargePointId().equals(chargePointId)).findFirst().orElseThrow();
    }
}
