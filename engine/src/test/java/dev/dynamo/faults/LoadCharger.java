package dev.dynamo.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal OCPP 1.6J charge point for load: sends CALLs and waits for their answers, and accepts every
 * CALL the engine sends (SetChargingProfile) at once.
 */
final class LoadCharger implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A CALLERROR answer. */
    static final class CallError extends RuntimeException {
        CallError(String code, String description) {
            super(code + ": " + description, null, false, false);
        }
    }

    final String id;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private LoadCharger(String id) {
        this.id = id;
    }

    static LoadCharger connect(HttpClient http, URI base, String id) {
        var charger = new LoadCharger(id);
        charger.socket = http.newWebSocketBuilder().subprotocols("ocpp1.6").connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://" + base.getAuthority() + "/ocpp/" + id), charger).join();
        return charger;
    }

    CompletableFuture<JsonNode> call(String action, ObjectNode payload) {
        var messageId = id + "-" + messageIds.incrementAndGet();
        var answer = new CompletableFuture<JsonNode>();
        pending.put(messageId, answer);
        var frame = JSON.createArrayNode().add(2).add(messageId).add(action).add(payload);
        try {
            send(frame.toString());
        } catch (RuntimeException e) {
            pending.remove(messageId);
            answer.completeExceptionally(e);
        }
        return answer.orTimeout(30, TimeUnit.SECONDS);
    }

    /** One send at a time: the WebSocket API allows no second send before the first completed. */
    private synchronized void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            var text = partial.toString();
            partial.setLength(0);
            try {
                handle(JSON.readTree(text));
            } catch (Exception e) {
                // a frame we cannot read: the test's checks will show what went missing
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(JsonNode frame) {
        var type = frame.get(0).asInt();
        var messageId = frame.get(1).asText();
        switch (type) {
            case 2 -> Thread.ofVirtual().start(() -> {
                try {
                    send(JSON.createArrayNode().add(3).add(messageId).add(JSON.createObjectNode().put("status", "Accepted")).toString());
                } catch (RuntimeException ignored) {
                    // the engine went away
                }
            });
            case 3 -> {
                var answer = pending.remove(messageId);
                if (answer != null) answer.complete(frame.get(2));
            }
            case 4 -> {
                var answer = pending.remove(messageId);
                if (answer != null) answer.completeExceptionally(new CallError(frame.get(2).asText(), frame.get(3).asText()));
            }
            default -> { }
        }
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failAll(error);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        failAll(new IllegalStateException("closed " + statusCode));
        return null;
    }

    private void failAll(Throwable error) {
        pending.values().forEach(answer -> answer.completeExceptionally(error));
        pending.clear();
    }

    @Override
    public void close() {
        socket.abort();
        failAll(new IllegalStateException("aborted"));
    }
}
