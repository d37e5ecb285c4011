package dev.dynamo.ocpp.v16;

import java.util.List;

public interface MeterValues {
    record Request(int connectorId, @OptionalField Integer transactionId, List<MeterValue> meterValue) {
        public Request {
            meterValue = List.copyOf(meterValue);
        }
    }

    record Confirmation() {}
}
