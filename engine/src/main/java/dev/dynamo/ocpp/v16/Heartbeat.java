package dev.dynamo.ocpp.v16;

import java.time.Instant;

public interface Heartbeat {
    record Request() {}

    record Confirmation(Instant currentTime) {}
}
