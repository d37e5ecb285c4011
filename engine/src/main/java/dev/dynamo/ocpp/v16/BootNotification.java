package dev.dynamo.ocpp.v16;

import java.time.Instant;

public interface BootNotification {
    record Request(@MaxLength(20) String chargePointVendor, @MaxLength(20) String chargePointModel,
                   @OptionalField @MaxLength(25) String chargePointSerialNumber,
                   @OptionalField @MaxLength(25) String chargeBoxSerialNumber,
                   @OptionalField @MaxLength(50) String firmwareVersion, @OptionalField @MaxLength(20) String iccid,
                   @OptionalField @MaxLength(20) String imsi, @OptionalField @MaxLength(25) String meterType,
                   @OptionalField @MaxLength(25) String meterSerialNumber) {}

    record Confirmation(Status status, Instant currentTime, int interval) {}

    enum Status { Accepted, Pending, Rejected }
}
