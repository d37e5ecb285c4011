package dev.dynamo.ocpp.v16;

import java.time.Instant;
import java.util.List;

public interface StopTransaction {
    record Request(@OptionalField @MaxLength(20) String idTag, int meterStop, Instant timestamp, int transactionId,
                   @OptionalField Reason reason, @OptionalField List<MeterValue> transactionData) {}

    record Confirmation(@OptionalField IdTagInfo idTagInfo) {}

    enum Reason { EmergencyStop, EVDisconnected, HardReset, Local, Other, PowerLoss, Reboot, Remote, SoftReset, UnlockCommand, DeAuthorized }
}
