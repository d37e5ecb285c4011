package dev.dynamo.ocpp.v16;

public interface SetChargingProfile {
    record Request(int connectorId, ChargingProfile csChargingProfiles) {}

    record Confirmation(Status status) {}

    enum Status { Accepted, Rejected, NotSupported }
}
