package dev.dynamo.ocpp.v16;

import java.time.Instant;

public interface StartTransaction {
    record Request(int connectorId, @MaxLength(20) String idTag, int meterStart, @OptionalField Integer reservationId,
                   Instant timestamp) {}

    record Confirmation(IdTagInfo idTagInfo, int transactionId) {}
}
