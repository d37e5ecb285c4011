package dev.dynamo.ocpp;

import dev.dynamo.ocpp.v16.MeterValue;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.site.MeterSanity;
import dev.dynamo.ocpp.v16.SampledValue.Measurand;
import dev.dynamo.ocpp.v16.SampledValue.Phase;
import dev.dynamo.ocpp.v16.SampledValue.Unit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Dynamo reads from a MeterValues request: the power drawn ({@code Power.Active.Import}, in W or
 * kW, total or summed over phases; else estimated from per-phase current) and, from per-phase
 * {@code Current.Import}, the number of phases drawn on.
 *
 * @param phasesDrawn 1 or 3, or null when the current does not tell
 */
public record MeterReading(double measuredKw, Integer phasesDrawn) {
    /** A phase carrying less than this is not drawn on. */
    static final double DRAWING_THRESHOLD_A = 1.0;

    /** Reads the latest meter value of the request; empty when it holds no power or current. */
    public static Optional<MeterReading> from(List<MeterValue> meterValues, double voltageV) {
        return raw(meterValues, voltageV).map(r -> new MeterReading(Math.max(0, r.measuredKw()), r.phasesDrawn()));
    }

    /**
     * Why the latest meter value of the request is not to be believed (contract 8.1), or empty when it is:
     * a power or current that is not finite, a power above twice the charger's rating or below -1 kW, or a
     * per-phase current above that of twice its rating.
     */
    public static Optional<String> implausible(List<MeterValue> meterValues, ChargerDefinition charger) {
        if (meterValues.isEmpty()) return Optional.empty();
        for (var sample : latest(meterValues).sampledValue()) {
            var measurand = sample.measurandOrDefault();
            if (measurand != Measurand.POWER_ACTIVE_IMPORT && measurand != Measurand.CURRENT_IMPORT) continue;
            Double value;
            try {
                value = Double.parseDouble(sample.value().trim());
            } catch (NumberFormatException e) {
                continue; // not a number at all: skipped as before
            }
            if (!Double.isFinite(value)) return Optional.of((measurand == Measurand.CURRENT_IMPORT ? "Current.Import " : "Power.Active.Import ")
                    + Printable.of(sample.value()) + ", not finite");
            if (measurand == Measurand.CURRENT_IMPORT && !MeterSanity.plausibleCurrentA(value, charger)) {
                return Optional.of("a current of " + value + " A");
            }
        }
        var reading = raw(meterValues, charger.voltageV());
        if (reading.isPresent() && !MeterSanity.plausibleKw(reading.get().measuredKw(), charger.maxPowerKw())) {
            return Optional.of("a power of " + reading.get().measuredKw() + " kW");
        }
        return Optional.empty();
    }

    private static MeterValue latest(List<MeterValue> meterValues) {
        return meterValues.stream().max(java.util.Comparator.comparing(MeterValue::timestamp)).orElseThrow();
    }

    /** As {@link #from}, with the power as metered (maybe negative or infinite). */
    private static Optional<MeterReading> raw(List<MeterValue> meterValues, double voltageV) {
        if (meterValues.isEmpty()) {
            return Optional.empty();
        }
        var latest = latest(meterValues);
        Double totalW = null;
        var phaseW = new EnumMap<Phase, Double>(Phase.class);
        var phaseA = new EnumMap<Phase, Double>(Phase.class);
        for (var sample : latest.sampledValue()) {
            var value = number(sample.value());
            if (value == null) {
                continue;
            }
            var measurand = sample.measurandOrDefault();
            if (measurand == Measurand.POWER_ACTIVE_IMPORT) {
                var watts = sample.unit() == Unit.kW ? value * 1000 : value;
                if (sample.phase() == null) {
                    totalW = watts;
                } else if (lineOf(sample.phase()) != null) {
                    phaseW.put(lineOf(sample.phase()), watts);
                }
            } else if (measurand == Measurand.CURRENT_IMPORT && lineOf(sample.phase()) != null) {
                phaseA.put(lineOf(sample.phase()), value);
            }
        }
        var phasesDrawn = phasesDrawn(phaseA);
        if (totalW == null && !phaseW.isEmpty()) {
            totalW = phaseW.values().stream().mapToDouble(Double::doubleValue).sum();
        }
        if (totalW == null && !phaseA.isEmpty()) {
            totalW = phaseA.values().stream().mapToDouble(a -> a * voltageV).sum();
        }
        return totalW == null ? Optional.empty() : Optional.of(new MeterReading(totalW / 1000, phasesDrawn));
    }

    private static Integer phasesDrawn(Map<Phase, Double> phaseA) {
        if (phaseA.isEmpty()) {
            return null;
        }
        var drawing = phaseA.values().stream().filter(a -> a >= DRAWING_THRESHOLD_A).count();
        // two phases drawing is not a one-phase vehicle: Dynamo models it as three (contract 7.1: 1 or 3)
        return drawing == 0 ? null : drawing == 1 ? 1 : 3;
    }

    /** L1, L2, L3 (or to neutral); null for neutral or a line-to-line reading. */
    private static Phase lineOf(Phase phase) {
        return switch (phase) {
            case L1, L1_N -> Phase.L1;
            case L2, L2_N -> Phase.L2;
            case L3, L3_N -> Phase.L3;
            default -> null;
        };
    }

    private static Double number(String text) {
        try {
            var value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
