package dev.dynamo.ocpp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynamo.ocpp.rpc.ErrorCode;
import dev.dynamo.ocpp.rpc.OcppFrame.Call;
import dev.dynamo.ocpp.rpc.RpcException;
import dev.dynamo.ocpp.v16.Action;
import dev.dynamo.ocpp.v16.Authorize;
import dev.dynamo.ocpp.v16.BootNotification;
import dev.dynamo.ocpp.v16.DataTransfer;
import dev.dynamo.ocpp.v16.Heartbeat;
import dev.dynamo.ocpp.v16.IdTagInfo;
import dev.dynamo.ocpp.v16.MeterValues;
import dev.dynamo.ocpp.v16.Payloads;
import dev.dynamo.ocpp.v16.StartTransaction;
import dev.dynamo.ocpp.v16.StatusNotification;
import dev.dynamo.ocpp.v16.StopTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers the requests of a charge point: decode and validate, tell the site layer, build the .conf. */
final class ChargePointRequests {
    private static final Logger log = LoggerFactory.getLogger(ChargePointRequests.class);
    /** Actions we send but do not take from a charge point. */
    private static final Set<String> CENTRAL_SYSTEM_ACTIONS = Set.of(
            Action.SET_CHARGING_PROFILE.name(), Action.CLEAR_CHARGING_PROFILE.name(), "RemoteStartTransaction",
            "RemoteStopTransaction", "Reset", "ChangeConfiguration", "GetConfiguration", "TriggerMessage",
            "ChangeAvailability", "UnlockConnector", "ClearCache", "GetCompositeSchedule");

    private final OcppSitePort port;
    private final Payloads payloads;
    private final Clock clock;
    private final Duration heartbeatInterval;

    ChargePointRequests(OcppSitePort port, Payloads payloads, Clock clock, Duration heartbeatInterval) {
        this.port = port;
        this.payloads = payloads;
        this.clock = clock;
        this.heartbeatInterval = heartbeatInterval;
    }

    ObjectNode handle(ChargePointConnection connection, Call call) throws RpcException {
        var cp = connection.chargePointId();
        var action = Action.fromChargePoint(call.action());
        if (action.isEmpty()) {
            var code = CENTRAL_SYSTEM_ACTIONS.contains(call.action()) ? ErrorCode.NOT_SUPPORTED : ErrorCode.NOT_IMPLEMENTED;
            throw new RpcException(code, "action " + call.action() + " is not taken from a charge point");
        }
        Record confirmation = switch (call.action()) {
            case "BootNotification" -> {
                var request = payloads.read(call.payload(), BootNotification.Request.class);
                log.info("{} booted: {} {}", cp, request.chargePointVendor(), request.chargePointModel());
                yield new BootNotification.Confirmation(BootNotification.Status.Accepted, now(),
                        (int) heartbeatInterval.toSeconds());
            }
            case "Heartbeat" -> {
                payloads.read(call.payload(), Heartbeat.Request.class);
                yield new Heartbeat.Confirmation(now());
            }
            case "StatusNotification" -> {
                var request = payloads.read(call.payload(), StatusNotification.Request.class);
                log.debug("{} connector {} is {}", cp, request.connectorId(), request.status());
                yield new StatusNotification.Confirmation();
            }
            case "Authorize" -> {
                payloads.read(call.payload(), Authorize.Request.class);
                yield new Authorize.Confirmation(IdTagInfo.accepted());
            }
            case "StartTransaction" -> startTransaction(cp, payloads.read(call.payload(), StartTransaction.Request.class));
            case "StopTransaction" -> stopTransaction(cp, payloads.read(call.payload(), StopTransaction.Request.class));
            case "MeterValues" -> {
                var request = payloads.read(call.payload(), MeterValues.Request.class);
                MeterReading.from(request.meterValue(), connection.charger().voltageV())
                        .ifPresent(r -> port.meterValue(cp, r.measuredKw(), r.phasesDrawn()));
                MeterReading.energyRegisterKwh(request.meterValue()).ifPresent(kwh -> port.energyRegister(cp, kwh));
                yield new MeterValues.Confirmation();
            }
            case "DataTransfer" -> {
                var request = payloads.read(call.payload(), DataTransfer.Request.class);
                log.debug("{} DataTransfer from vendor {} not understood", cp, request.vendorId());
                yield new DataTransfer.Confirmation(DataTransfer.Status.UnknownVendorId, null);
            }
            default -> throw new RpcException(ErrorCode.NOT_IMPLEMENTED, "action " + call.action() + " not handled");
        };
        return payloads.write(confirmation);
    }

    private StartTransaction.Confirmation startTransaction(String cp, StartTransaction.Request request) {
        var transactionId = port.nextTransactionId();
        port.sessionStarted(cp, transactionId, request.idTag(), request.meterStart() / 1000.0);
        log.info("{} started transaction {} (connector {}, idTag {})", cp, transactionId, request.connectorId(), request.idTag());
        return new StartTransaction.Confirmation(IdTagInfo.accepted(), transactionId);
    }

    /** Always a .conf (contract section 8): an unknown or closed transaction is only logged. */
    private StopTransaction.Confirmation stopTransaction(String cp, StopTransaction.Request request) {
        if (port.sessionStopped(request.transactionId(), request.meterStop() / 1000.0)) {
            log.info("{} stopped transaction {}", cp, request.transactionId());
        } else {
            log.info("{} stopped transaction {}, which is unknown or already closed", cp, request.transactionId());
        }
        return new StopTransaction.Confirmation(request.idTag() == null ? null : IdTagInfo.accepted());
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
