package dev.dynamo.ocpp;

import dev.dynamo.ocpp.rpc.FrameCodec;
import dev.dynamo.ocpp.v16.Payloads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** What every connection of the connector shares. */
record OcppContext(OcppSitePort port, FrameCodec codec, Payloads payloads, ChargePointRequests requests,
                   ScheduledExecutorService timer, Duration callTimeout, Supplier<String> messageIds) {}
