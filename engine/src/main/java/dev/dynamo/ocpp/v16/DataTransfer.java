package dev.dynamo.ocpp.v16;

public interface DataTransfer {
    record Request(@MaxLength(255) String vendorId, @OptionalField @MaxLength(50) String messageId,
                   @OptionalField String data) {}

    record Confirmation(Status status, @OptionalField String data) {}

    enum Status { Accepted, Rejected, UnknownMessageId, UnknownVendorId }
}
