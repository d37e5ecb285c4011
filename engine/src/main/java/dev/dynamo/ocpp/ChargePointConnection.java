package dev.dynamo.ocpp;

import dev.dynamo.ocpp.OcppSitePort.ChargePointInfo;
import dev.dynamo.ocpp.rpc.RpcException;
import dev.dynamo.ocpp.rpc.RpcSession;
import dev.dynamo.ocpp.v16.Action;
import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.SetChargingProfile;
import dev.dynamo.contract.ChargerDefinition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** One open WebSocket of a charge point, speaking OCPP-J 1.6 over an {@link RpcSession}. */
public final class ChargePointConnection implements ProfileTarget {
    /** Dynamo models one connector per charge point. */
    static final int CONNECTOR_ID = 1;

    private final ChargePointInfo info;
    private final OcppContext context;
    private final Runnable closeSocket;
    private final RpcSession rpc;
    private final AtomicBoolean requestSeen = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);

    ChargePointConnection(ChargePointInfo info, OcppContext context, Consumer<String> sendText, Runnable closeSocket) {
        this.info = info;
        this.context = context;
        this.closeSocket = closeSocket;
        this.rpc = new RpcSession(context.codec(), sendText, call -> {
            if (requestSeen.compareAndSet(false, true)) {
                context.port().connected(chargePointId());
            }
            try {
                return CompletableFuture.completedFuture(context.requests().handle(this, call));
            } catch (RpcException e) {
                return CompletableFuture.failedFuture(e);
            }
        }, context.timer(), context.callTimeout(), context.messageIds());
    }

    @Override
    public String chargePointId() { return info.charger().chargePointId(); }

    public String siteId() { return info.siteId(); }

    @Override
    public ChargerDefinition charger() { return info.charger(); }

    @Override
    public boolean isOpen() { return open.get(); }

    void receive(String text) {
        rpc.receive(text);
    }

    /** Sends a profile for connector 1; completes with the charger's answer (Rejected for a CALLERROR). */
    @Override
    public CompletableFuture<SetChargingProfile.Status> setChargingProfile(ChargingProfile profile) {
        var payloads = context.payloads();
        return rpc.call(Action.SET_CHARGING_PROFILE.name(), payloads.writeString(new SetChargingProfile.Request(CONNECTOR_ID, profile)))
                .thenApply(result -> {
                    try {
                        return payloads.read(result, SetChargingProfile.Confirmation.class).status();
                    } catch (RpcException e) {
                        throw new IllegalStateException("invalid SetChargingProfile.conf: " + e.getMessage(), e);
                    }
                });
    }

    /** The socket is gone: pending CALLs fail. */
    void closed() {
        open.set(false);
        rpc.close();
    }

    /** Closes the socket from our side (a newer connection replaced this one). */
    void close() {
        closed();
        closeSocket.run();
    }

}
