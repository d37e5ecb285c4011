package dev.dynamo.ocpp;

import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.ChargingProfile.Kind;
import dev.dynamo.ocpp.v16.ChargingProfile.Period;
import dev.dynamo.ocpp.v16.ChargingProfile.Purpose;
import dev.dynamo.ocpp.v16.ChargingProfile.Schedule;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.RateUnit;
import java.time.Instant;
import java.util.List;

/** Builds the charging profiles Dynamo sends: a limit in kW becomes W, or A per phase, never rounded up. */
public final class Profiles {
    /** Fixed ids: a new profile of the same purpose replaces the previous one on the charger. */
    static final int DEFAULT_PROFILE_ID = 1;
    static final int TX_PROFILE_ID = 2;

    private Profiles() {}

    public static ChargingProfile txDefault(ChargerDefinition charger, double limitKw) {
        return new ChargingProfile(DEFAULT_PROFILE_ID, null, 0, Purpose.TxDefaultProfile, Kind.Relative, null, null, null,
                schedule(charger, limitKw, charger.phases()));
    }

    public static ChargingProfile tx(ChargerDefinition charger, double limitKw, int phasesInUse, int transactionId,
                                     Instant validTo) {
        return new ChargingProfile(TX_PROFILE_ID, transactionId, 0, Purpose.TxProfile, Kind.Relative, null, null, validTo,
                schedule(charger, limitKw, phasesInUse));
    }

    private static Schedule schedule(ChargerDefinition charger, double limitKw, int phases) {
        var period = charger.chargingRateUnit() == RateUnit.A
                ? new Period(0, currentA(limitKw, phases, charger.voltageV()), phases)
                : new Period(0, watts(limitKw), null);
        var unit = charger.chargingRateUnit() == RateUnit.A ? ChargingProfile.RateUnit.A : ChargingProfile.RateUnit.W;
        return new Schedule(null, null, unit, List.of(period), null);
    }

    /** Whole watts, rounded down (the allocation is on a 10 W grid already). */
    static double watts(double kw) {
        return Math.floor(kw * 1000 + 1e-6);
    }

    /** Per-phase current rounded down to 0.1 A. */
    static double currentA(double kw, int phases, double voltageV) {
        var tenths = Math.floor(kw * 1000 / (phases * voltageV) * 10 + 1e-6);
        return tenths / 10;
    }
}
