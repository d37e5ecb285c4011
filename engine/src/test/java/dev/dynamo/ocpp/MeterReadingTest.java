package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.ocpp.v16.MeterValue;
import dev.dynamo.ocpp.v16.SampledValue;
import dev.dynamo.ocpp.v16.SampledValue.Measurand;
import dev.dynamo.ocpp.v16.SampledValue.Phase;
import dev.dynamo.ocpp.v16.SampledValue.Unit;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterReadingTest {
    private static SampledValue sample(String value, Measurand measurand, Phase phase, Unit unit) {
        return new SampledValue(value, null, null, measurand, phase, null, unit);
    }

    private static List<MeterValue> at(String instant, SampledValue... samples) {
        return List.of(new MeterValue(Instant.parse(instant), List.of(samples)));
    }

    @Test
    void reads_total_power_in_kw_or_w_with_w_as_the_default_unit() {
        assertThat(MeterReading.from(at("2026-11-24T10:00:00Z", sample("7.4", Measurand.POWER_ACTIVE_IMPORT, null, Unit.kW)), 230))
                .contains(new MeterReading(7.4, null));
        assertThat(MeterReading.from(at("2026-11-24T10:00:00Z", sample("3680", Measurand.POWER_ACTIVE_IMPORT, null, null)), 230))
                .contains(new MeterReading(3.68, null));
    }

    @Test
    void sums_per_phase_power_and_counts_the_phases_that_carry_current() {
        var reading = MeterReading.from(at("2026-11-24T10:00:00Z",
                sample("2300", Measurand.POWER_ACTIVE_IMPORT, Phase.L1_N, Unit.W),
                sample("0", Measurand.POWER_ACTIVE_IMPORT, Phase.L2_N, Unit.W),
                sample("0", Measurand.POWER_ACTIVE_IMPORT, Phase.L3_N, Unit.W),
                sample("10", Measurand.CURRENT_IMPORT, Phase.L1, Unit.A),
                sample("0.2", Measurand.CURRENT_IMPORT, Phase.L2, Unit.A),
                sample("0", Measurand.CURRENT_IMPORT, Phase.L3, Unit.A)), 230);

        assertThat(reading).contains(new MeterReading(2.3, 1));
    }

    @Test
    void estimates_power_from_current_when_no_power_is_metered() {
        var reading = MeterReading.from(at("2026-11-24T10:00:00Z",
                sample("16", Measurand.CURRENT_IMPORT, Phase.L1, Unit.A),
                sample("16", Measurand.CURRENT_IMPORT, Phase.L2, Unit.A),
                sample("16", Measurand.CURRENT_IMPORT, Phase.L3, Unit.A)), 230);

        assertThat(reading).hasValueSatisfying(r -> {
            assertThat(r.measuredKw()).isCloseTo(11.04, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(r.phasesDrawn()).isEqualTo(3);
        });
    }

    @Test
    void ignores_energy_registers_unparsable_values_and_uses_the_latest_meter_value() {
        var values = List.of(
                new MeterValue(Instant.parse("2026-11-24T10:05:00Z"), List.of(sample("5000", Measurand.POWER_ACTIVE_IMPORT, null, Unit.W))),
                new MeterValue(Instant.parse("2026-11-24T10:00:00Z"), List.of(sample("9000", Measurand.POWER_ACTIVE_IMPORT, null, Unit.W))));

        assertThat(MeterReading.from(values, 230)).contains(new MeterReading(5.0, null));
        assertThat(MeterReading.from(at("2026-11-24T10:00:00Z", sample("1234", null, null, Unit.Wh),
                sample("n/a", Measurand.POWER_ACTIVE_IMPORT, null, Unit.W)), 230)).isEmpty();
    }

    @Test
    void two_phases_drawing_count_as_three_and_no_phase_drawing_tells_nothing() {
        var two = MeterReading.from(at("2026-11-24T10:00:00Z",
                sample("10", Measurand.CURRENT_IMPORT, Phase.L1, Unit.A),
                sample("10", Measurand.CURRENT_IMPORT, Phase.L2, Unit.A),
                sample("0.5", Measurand.CURRENT_IMPORT, Phase.L3, Unit.A)), 230);
        var none = MeterReading.from(at("2026-11-24T10:00:00Z",
                sample("0.5", Measurand.CURRENT_IMPORT, Phase.L1, Unit.A),
                sample("0", Measurand.CURRENT_IMPORT, Phase.L2, Unit.A)), 230);

        assertThat(two).hasValueSatisfying(r -> assertThat(r.phasesDrawn()).isEqualTo(3));
        assertThat(none).hasValueSatisfying(r -> assertThat(r.phasesDrawn()).isNull());
    }
}
