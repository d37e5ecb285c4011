package dev.dynamo.ocpp;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.ocpp.OcppSitePort.ChargePointInfo;
import dev.dynamo.ocpp.rpc.OcppFrame.Call;
import dev.dynamo.ocpp.rpc.RpcException;
import dev.dynamo.ocpp.rpc.RpcSession;
import dev.dynamo.ocpp.v16.Action;
import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.SetChargingProfile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** One open WebSocket of a charge point, speaking OCPP-J 1.6 over an {@link RpcSession}. */
public final class ChargePointConnection implements ProfileTarget {
    /** Dynamo models one connector per charge point. */
    static final int CONNECTOR_ID = 1;
    /** About the longest a TxProfile's JSON gets (about 300 characters): its frame's text is made without growing. */
    private static final int PROFILE_LENGTH = 360;

    /** Three of our CALLs in a row unanswered: the charger is not listening, the connection is closed. */
    static final int MOST_TIMEOUTS_IN_A_ROW = 3;

    private final String siteId;
    /** The charger's definition; replaced when its site's definition is (voltage, unit, phases). */
    private volatile ChargerDefinition charger;
    private final OcppContext context;
    private final AtomicInteger timeoutsInARow = new AtomicInteger();
    private final Consumer<String> closeSocket;
    private final RpcSession rpc;
    private final AtomicBoolean requestSeen = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** A connection whose chargers' requests are handled on the thread that read them (tests). */
    ChargePointConnection(ChargePointInfo info, OcppContext context, Consumer<String> sendText, Consumer<String> closeSocket) {
        this(info, context, sendText, closeSocket, Runnable::run);
    }

    /**
     * @param requests where the charger's requests are handled: they may wait for the site or the store, while the
     *                 thread that reads the socket must not wait ({@code InPlaceWebSocketConnector}); the answers
     *                 to our CALLs are taken in on the reading thread
     */
    ChargePointConnection(ChargePointInfo info, OcppContext context, Consumer<String> sendText, Consumer<String> closeSocket,
                          Executor requests) {
        this.siteId = info.siteId();
        this.charger = info.charger();
        this.context = context;
        this.closeSocket = closeSocket;
        this.rpc = new RpcSession(context.codec(), sendText,
                call -> CompletableFuture.supplyAsync(() -> request(call), requests).thenCompose(answer -> answer),
                context.timer(), context.callTimeout(), context.messageIds());
    }

    private CompletionStage<ObjectNode> request(Call call) {
        if (requestSeen.compareAndSet(false, true)) {
            // answered once the site has taken the connection in, without a thread waiting for it; the request
            // itself is handled here (what it tells the site queues behind the connection), so the site's thread
            // only releases the answer
            var applied = context.port().connectedAsync(siteId, chargePointId());
            var answer = handle(call);
            return applied.thenCompose(_ -> answer);
        }
        return handle(call);
    }

    private CompletableFuture<ObjectNode> handle(Call call) {
        try {
            return CompletableFuture.completedFuture(context.requests().handle(this, call));
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String chargePointId() { return charger.chargePointId(); }

    /** The site the connection was bound to at the upgrade. */
    public String siteId() { return siteId; }

    @Override
    public ChargerDefinition charger() { return charger; }

    /** The site's definition was replaced: the charger's new one (same id) applies from now on. */
    void redefine(ChargerDefinition definition) {
        this.charger = definition;
    }

    @Override
    public boolean isOpen() { return open.get(); }

    void receive(String text) {
        rpc.receive(text);
    }

    /** Sends a profile for connector 1; completes with the charger's answer (Rejected for a CALLERROR). */
    @Override
    public CompletableFuture<SetChargingProfile.Status> setChargingProfile(ChargingProfile profile) {
        var payloads = context.payloads();
        // one connector: a newer profile of the same purpose replaces one still waiting to be sent
        var request = new SetChargingProfile.Request(CONNECTOR_ID, profile);
        return rpc.call(Action.SET_CHARGING_PROFILE.name(), PROFILE_LENGTH,
                        json -> dev.dynamo.ocpp.v16.ChargingProfileJson.write(request, json),
                        profile.chargingProfilePurpose().name())
                .whenComplete((_, failure) -> countTimeout(failure))
                .thenApply(result -> {
                    // the usual {"status": "…"} directly; anything else through the schema check
                    var status = dev.dynamo.ocpp.v16.ChargingProfileJson.statusOf(result);
                    if (status != null) return status;
                    try {
                        return payloads.read(result, SetChargingProfile.Confirmation.class).status();
                    } catch (RpcException e) {
                        throw new IllegalStateException("invalid SetChargingProfile.conf: " + e.getMessage(), e);
                    }
                });
    }

    private void countTimeout(Throwable failure) {
        var cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!(cause instanceof TimeoutException)) {
            timeoutsInARow.set(0);
            return;
        }
        if (timeoutsInARow.incrementAndGet() >= MOST_TIMEOUTS_IN_A_ROW && isOpen()) {
            org.slf4j.LoggerFactory.getLogger(ChargePointConnection.class).warn(
                    "{} let {} calls in a row time out: disconnected", Printable.of(chargePointId()), MOST_TIMEOUTS_IN_A_ROW);
            close("three calls in a row unanswered");
        }
    }

    /** The socket is gone: pending CALLs fail. */
    void closed() {
        open.set(false);
        rpc.close();
    }

    /** Closes the socket from our side (a newer connection replaced this one, or the charger was removed). */
    void close(String reason) {
        closed();
        closeSocket.accept(reason);
    }

}
