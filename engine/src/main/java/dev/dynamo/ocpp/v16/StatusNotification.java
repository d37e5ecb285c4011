package dev.dynamo.ocpp.v16;

import java.time.Instant;

public interface StatusNotification {
    record Request(int connectorId, ErrorCode errorCode, @OptionalField @MaxLength(50) String info, Status status,
                   @OptionalField Instant timestamp, @OptionalField @MaxLength(255) String vendorId,
                   @OptionalField @MaxLength(50) String vendorErrorCode) {}

    record Confirmation() {}

    enum ErrorCode {
        ConnectorLockFailure, EVCommunicationError, GroundFailure, HighTemperature, InternalError,
        LocalListConflict, NoError, OtherError, OverCurrentFailure, PowerMeterFailure, PowerSwitchFailure,
        ReaderFailure, ResetFailure, UnderVoltage, OverVoltage, WeakSignal
    }

    enum Status { Available, Preparing, Charging, SuspendedEVSE, SuspendedEV, Finishing, Reserved, Unavailable, Faulted }
}
