package dev.dynamo.ocpp.v16;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One reading of a meter value; {@code value} is a number written as a string. */
public record SampledValue(String value, @OptionalField Context context, @OptionalField Format format,
                           @OptionalField Measurand measurand, @OptionalField Phase phase,
                           @OptionalField Location location, @OptionalField Unit unit) {

    /** The 1.6 default when {@code measurand} is absent. */
    public Measurand measurandOrDefault() { return measurand == null ? Measurand.ENERGY_ACTIVE_IMPORT_REGISTER : measurand; }

    public enum Context {
        @JsonProperty("Interruption.Begin") INTERRUPTION_BEGIN, @JsonProperty("Interruption.End") INTERRUPTION_END,
        @JsonProperty("Sample.Clock") SAMPLE_CLOCK, @JsonProperty("Sample.Periodic") SAMPLE_PERIODIC,
        @JsonProperty("Transaction.Begin") TRANSACTION_BEGIN, @JsonProperty("Transaction.End") TRANSACTION_END,
        @JsonProperty("Trigger") TRIGGER, @JsonProperty("Other") OTHER
    }

    public enum Format { Raw, SignedData }

    public enum Measurand {
        @JsonProperty("Energy.Active.Export.Register") ENERGY_ACTIVE_EXPORT_REGISTER,
        @JsonProperty("Energy.Active.Import.Register") ENERGY_ACTIVE_IMPORT_REGISTER,
        @JsonProperty("Energy.Reactive.Export.Register") ENERGY_REACTIVE_EXPORT_REGISTER,
        @JsonProperty("Energy.Reactive.Import.Register") ENERGY_REACTIVE_IMPORT_REGISTER,
        @JsonProperty("Energy.Active.Export.Interval") ENERGY_ACTIVE_EXPORT_INTERVAL,
        @JsonProperty("Energy.Active.Import.Interval") ENERGY_ACTIVE_IMPORT_INTERVAL,
        @JsonProperty("Energy.Reactive.Export.Interval") ENERGY_REACTIVE_EXPORT_INTERVAL,
        @JsonProperty("Energy.Reactive.Import.Interval") ENERGY_REACTIVE_IMPORT_INTERVAL,
        @JsonProperty("Power.Active.Export") POWER_ACTIVE_EXPORT,
        @JsonProperty("Power.Active.Import") POWER_ACTIVE_IMPORT,
        @JsonProperty("Power.Offered") POWER_OFFERED,
        @JsonProperty("Power.Reactive.Export") POWER_REACTIVE_EXPORT,
        @JsonProperty("Power.Reactive.Import") POWER_REACTIVE_IMPORT,
        @JsonProperty("Power.Factor") POWER_FACTOR,
        @JsonProperty("Current.Import") CURRENT_IMPORT,
        @JsonProperty("Current.Export") CURRENT_EXPORT,
        @JsonProperty("Current.Offered") CURRENT_OFFERED,
        @JsonProperty("Voltage") VOLTAGE,
        @JsonProperty("Frequency") FREQUENCY,
        @JsonProperty("Temperature") TEMPERATURE,
        @JsonProperty("SoC") SOC,
        @JsonProperty("RPM") RPM
    }

    public enum Phase {
        L1, L2, L3, N,
        @JsonProperty("L1-N") L1_N, @JsonProperty("L2-N") L2_N, @JsonProperty("L3-N") L3_N,
        @JsonProperty("L1-L2") L1_L2, @JsonProperty("L2-L3") L2_L3, @JsonProperty("L3-L1") L3_L1
    }

    public enum Location { Cable, EV, Inlet, Outlet, Body }

    public enum Unit { Wh, kWh, varh, kvarh, W, kW, VA, kVA, var, kvar, A, V, K, Celcius, Celsius, Fahrenheit, Percent }
}
