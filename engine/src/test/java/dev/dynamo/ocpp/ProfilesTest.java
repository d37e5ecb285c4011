package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Phase;
import dev.dynamo.ocpp.v16.Payloads;
import dev.dynamo.ocpp.v16.SetChargingProfile;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.RateUnit;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ProfilesTest {
    private static final Payloads PAYLOADS = new Payloads(Payloads.newMapper());
    private static ChargerDefinition charger(RateUnit unit, int phases) {
        return new ChargerDefinition("CP", 22, phases, 230, unit, null, null, Phase.L1);
    }

    @Test
    void a_limit_in_amperes_is_per_phase_rounded_down_to_a_tenth_with_the_phases_in_use() {
        var profile = Profiles.tx(charger(RateUnit.A, 3), 22, 3, 5, Instant.parse("2026-11-24T10:05:00Z"));

        var period = profile.chargingSchedule().chargingSchedulePeriod().getFirst();
        assertThat(period.limit()).isEqualTo(31.8); // 31.88 A
        assertThat(period.numberPhases()).isEqualTo(3);
        assertThat(Profiles.tx(charger(RateUnit.A, 3), 7.36, 1, 5, Instant.EPOCH).chargingSchedule()
                .chargingSchedulePeriod().getFirst().limit()).isEqualTo(32.0);
    }

    @Test
    void a_limit_in_watts_has_no_phase_count() {
        var period = Profiles.tx(charger(RateUnit.W, 3), 12.34, 3, 5, Instant.EPOCH).chargingSchedule()
                .chargingSchedulePeriod().getFirst();

        assertThat(period.limit()).isEqualTo(12340.0);
        assertThat(period.numberPhases()).isNull();
    }

    @Property(tries = 200)
    void a_sent_limit_is_never_above_the_allocation_and_is_a_multiple_of_a_tenth(
            @ForAll @DoubleRange(min = 0, max = 350) double allocatedKw, @ForAll @IntRange(min = 1, max = 3) int phases,
            @ForAll boolean amperes) throws Exception {
        var kw = Math.floor(allocatedKw * 100) / 100;
        var unit = amperes ? RateUnit.A : RateUnit.W;
        var profile = Profiles.tx(charger(unit, 3), kw, phases, 1, Instant.EPOCH);
        var limit = profile.chargingSchedule().chargingSchedulePeriod().getFirst().limit();

        var sentKw = amperes ? limit * phases * 230 / 1000 : limit / 1000;
        assertThat(sentKw).isLessThanOrEqualTo(kw + 1e-9);
        assertThat(Math.abs(limit * 10 - Math.rint(limit * 10))).isLessThan(1e-6);
        PAYLOADS.read(PAYLOADS.write(new SetChargingProfile.Request(1, profile)), SetChargingProfile.Request.class);
    }
}
