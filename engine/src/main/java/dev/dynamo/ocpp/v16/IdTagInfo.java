package dev.dynamo.ocpp.v16;

import java.time.Instant;

public record IdTagInfo(Status status, @OptionalField Instant expiryDate, @OptionalField @MaxLength(20) String parentIdTag) {
    public enum Status { Accepted, Blocked, Expired, Invalid, ConcurrentTx }

    public static IdTagInfo accepted() { return new IdTagInfo(Status.Accepted, null, null); }
}
