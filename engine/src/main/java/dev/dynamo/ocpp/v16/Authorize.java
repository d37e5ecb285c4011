package dev.dynamo.ocpp.v16;

public interface Authorize {
    record Request(@MaxLength(20) String idTag) {}

    record Confirmation(IdTagInfo idTagInfo) {}
}
