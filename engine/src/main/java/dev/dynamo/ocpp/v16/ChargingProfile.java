package dev.dynamo.ocpp.v16;

import java.time.Instant;
import java.util.List;

/** {@code csChargingProfiles} of SetChargingProfile. */
public record ChargingProfile(int chargingProfileId, @OptionalField Integer transactionId, int stackLevel,
                              Purpose chargingProfilePurpose, Kind chargingProfileKind,
                              @OptionalField RecurrencyKind recurrencyKind, @OptionalField Instant validFrom,
                              @OptionalField Instant validTo, Schedule chargingSchedule) {

    public enum Purpose { ChargePointMaxProfile, TxDefaultProfile, TxProfile }

    public enum Kind { Absolute, Recurring, Relative }

    public enum RecurrencyKind { Daily, Weekly }

    public enum RateUnit { A, W }

    public record Schedule(@OptionalField Integer duration, @OptionalField Instant startSchedule, RateUnit chargingRateUnit,
                           List<Period> chargingSchedulePeriod, @OptionalField Double minChargingRate) {
        public Schedule {
            chargingSchedulePeriod = List.copyOf(chargingSchedulePeriod);
        }
    }

    /** {@code limit} is a multiple of 0.1 (W or A). */
    public record Period(int startPeriod, double limit, @OptionalField Integer numberPhases) {}
}
