package dev.dynamo.console.testengine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A charge point speaking OCPP 1.6J to the engine over a real WebSocket, for UI tests: it boots, starts a
 * transaction, accepts (or rejects) every charging profile, and can drop its connection and come back.
 */
public final class OcppTestCharger implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, CompletableFuture<ArrayNode>> pending = new ConcurrentHashMap<>();
    private WebSocket socket;
    private volatile String profileAnswer = "Accepted";
    /** A WebSocket takes one send at a time: the test's requests and the answers to the engine queue here. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    public OcppTestCharger(URI engineBase, String chargePointId) {
        var http = engineBase.toString().replaceFirst("^http", "ws");
        this.endpoint = URI.create(http + "/ocpp/" + chargePointId);
    }

    /** Opens the connection (a new one replaces nothing: call {@link #drop()} first). */
    public void connect() throws Exception {
        sending = CompletableFuture.completedFuture(null);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("ocpp1.6")
                .connectTimeout(Duration.ofSeconds(5)).buildAsync(endpoint, new Listener()).get(10, TimeUnit.SECONDS);
    }

    /** From now on every request of the engine (SetChargingProfile included) is answered Rejected. */
    public void rejectProfiles() { profileAnswer = "Rejected"; }

    public void boot() throws Exception {
        call("BootNotification", "{\"chargePointVendor\":\"Dynamo\",\"chargePointModel\":\"UI test\"}");
    }

    public void startTransaction() throws Exception {
        call("StartTransaction", "{\"connectorId\":1,\"idTag\":\"UI-TAG\",\"meterStart\":0,\"timestamp\":\""
                + Instant.now() + "\"}");
    }

    public void heartbeat() throws Exception {
        call("Heartbeat", "{}");
    }

    /** The connection goes away without a goodbye, as when the network fails. */
    public void drop() {
        if (socket != null) socket.abort();
        socket = null;
    }

    private ArrayNode call(String action, String payload) throws Exception {
        var id = "t" + ids.incrementAndGet();
        var answer = new CompletableFuture<ArrayNode>();
        pending.put(id, answer);
        send(socket, "[2,\"" + id + "\",\"" + action + "\"," + payload + "]").get(5, TimeUnit.SECONDS);
        var result = answer.get(10, TimeUnit.SECONDS);
        if (result.get(0).asInt() != 3) throw new IllegalStateException(action + " failed: " + result);
        return result;
    }

    private synchronized CompletableFuture<?> send(WebSocket webSocket, String text) {
        sending = sending.exceptionally(_ -> null).thenCompose(_ -> webSocket.sendText(text, true));
        return sending;
    }

    @Override
    public void close() { drop(); }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                handle(webSocket, text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(WebSocket webSocket, String message) {
            try {
                var frame = (ArrayNode) JSON.readTree(message);
                switch (frame.get(0).asInt()) {
                    // the engine's requests (SetChargingProfile and the like) are all accepted, or all rejected
                    case 2 -> send(webSocket, "[3,\"" + frame.get(1).asText() + "\",{\"status\":\"" + profileAnswer + "\"}]");
                    case 3, 4 -> {
                        var answer = pending.remove(frame.get(1).asText());
                        if (answer != null) answer.complete(frame);
                    }
                    default -> { }
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + message, e);
            }
        }
    }
}
