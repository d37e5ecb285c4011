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
                // the connection is logged already: a reconnect storm writes one line per charger, not two
                log.debug("{} booted: {} {}", Printable.of(cp), Printable.of(request.chargePointVendor()),
                        Printable.of(request.chargePointModel()));
                yield new BootNotification.Confirmation(BootNotification.Status.Accepted, now(),
                        (int) heartbeatInterval.toSeconds());
            }
            case "Heartbeat" -> {
                payloads.read(call.payload(), Heartbeat.Request.class);
                yield new Heartbeat.Confirmation(now());
            }
            case "StatusNotification" -> {
                var request = payloads.read(call.payload(), StatusNotification.Request.class);
                log.debug("{} connector {} is {}", Printable.of(cp), request.connectorId(), request.status());
                yield new StatusNotification.Confirmation();
            }
            case "Authorize" -> {
                payloads.read(call.payload(), Authorize.Request.class);
                yield new Authorize.Confirmation(IdTagInfo.accepted());
            }
            case "StartTransaction" -> startTransaction(connection, payloads.read(call.payload(), StartTransaction.Request.class));
            case "StopTransaction" -> stopTransaction(connection, payloads.read(call.payload(), StopTransaction.Request.class));
            case "MeterValues" -> {
                meterValues(connection, payloads.read(call.payload(), MeterValues.Request.class));
                yield new MeterValues.Confirmation();
            }
            case "DataTransfer" -> {
                var request = payloads.read(call.payload(), DataTransfer.Request.class);
                log.debug("{} DataTransfer from vendor {} not understood", Printable.of(cp), Printable.of(request.vendorId()));
                yield new DataTransfer.Confirmation(DataTransfer.Status.UnknownVendorId, null);
            }
            default -> throw new RpcException(ErrorCode.NOT_IMPLEMENTED, "action " + call.action() + " not handled");
        };
        return payloads.write(confirmation);
    }

    /**
     * A session starts, unless the charge point already has one (one connector per charge point, contract
     * 8.1): then that one goes on, and the answer is ConcurrentTx with a fresh id that belongs to no session.
     */
    private StartTransaction.Confirmation startTransaction(ChargePointConnection connection, StartTransaction.Request request) {
        var cp = connection.chargePointId();
        var transactionId = port.nextTransactionId();
        if (!port.sessionStarted(connection.siteId(), cp, transactionId, request.idTag(), request.meterStart() / 1000.0)) {
            log.warn("{} sent StartTransaction (connector {}, idTag {}) while its session goes on: ConcurrentTx, "
                    + "transaction id {} belongs to no session", Printable.of(cp), request.connectorId(),
                    Printable.of(request.idTag()), transactionId);
            return new StartTransaction.Confirmation(new IdTagInfo(IdTagInfo.Status.ConcurrentTx, null, null), transactionId);
        }
        log.info("{} started transaction {} (connector {}, idTag {})", Printable.of(cp), transactionId,
                request.connectorId(), Printable.of(request.idTag()));
        return new StartTransaction.Confirmation(IdTagInfo.accepted(), transactionId);
    }

    /**
     * Always a .conf (contract section 8); only the charge point's own session ends (8.1): another's, or an
     * unknown or closed transaction, is only logged.
     */
    private StopTransaction.Confirmation stopTransaction(ChargePointConnection connection, StopTransaction.Request request) {
        var cp = Printable.of(connection.chargePointId());
        switch (port.sessionStopped(connection.siteId(), connection.chargePointId(), request.transactionId(),
                request.meterStop() / 1000.0)) {
            case STOPPED -> log.info("{} stopped transaction {}", cp, request.transactionId());
            case OTHER_CHARGE_POINT -> log.warn("{} sent StopTransaction for transaction {}, which belongs to another "
                    + "charge point: nothing changed", cp, request.transactionId());
            case UNKNOWN -> log.info("{} stopped transaction {}, which is unknown or already closed", cp, request.transactionId());
        }
        return new StopTransaction.Confirmation(request.idTag() == null ? null : IdTagInfo.accepted());
    }

    /** Taken for the charge point's own session only, when plausible (contract 8.1); else logged. */
    private void meterValues(ChargePointConnection connection, MeterValues.Request request) {
        var cp = connection.chargePointId();
        var problem = MeterReading.implausible(request.meterValue(), connection.charger());
        if (problem.isPresent()) {
            log.warn("{} sent a meter value that is ignored: {}", Printable.of(cp), problem.get());
            return;
        }
        // contract 10: the energy register of its own session (the transaction named, when one is)
        MeterReading.energyRegisterKwh(request.meterValue())
                .ifPresent(kwh -> port.energyRegister(connection.siteId(), cp, request.transactionId(), kwh));
        var reading = MeterReading.from(request.meterValue(), connection.charger().voltageV());
        if (reading.isEmpty()) return;
        if (!port.meterValue(connection.siteId(), cp, request.transactionId(), reading.get().measuredKw(),
                reading.get().phasesDrawn())) {
            if (request.transactionId() == null) {
                log.debug("{} sent meter values without a session in progress (or out of bounds): ignored", Printable.of(cp));
            } else {
                log.warn("{} sent meter values for transaction {}, which is not its session in progress (or out of "
                        + "bounds): ignored", Printable.of(cp), request.transactionId());
            }
        }
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
