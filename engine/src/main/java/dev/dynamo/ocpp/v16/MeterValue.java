package dev.dynamo.ocpp.v16;

import java.time.Instant;
import java.util.List;

public record MeterValue(Instant timestamp, List<SampledValue> sampledValue) {
    public MeterValue {
        sampledValue = List.copyOf(sampledValue);
    }
}
