package dev.dynamo.ocpp.v16;

public interface ClearChargingProfile {
    record Request(@OptionalField Integer id, @OptionalField Integer connectorId,
                   @OptionalField ChargingProfile.Purpose chargingProfilePurpose, @OptionalField Integer stackLevel) {}

    record Confirmation(Status status) {}

    enum Status { Accepted, Unknown }
}
