package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Text frames far larger than the WebSocket's input buffer (Jetty's 4,096 bytes) are read whole, multi-byte
 * characters split across reads included, whether sent as one frame or in fragments; a message beyond the largest
 * text message is refused by closing with 1009, as Jetty always did.
 */
class OcppLargeFramesTest {
    static final String SITES = """
            {"sites": [{"site_id": "big", "name": "Big", "timezone": "UTC", "grid_connection_capacity_kw": 60,
              "chargers": [{"charge_point_id": "BIG-1", "max_power_kw": 22}]}]}""";
    /** Jetty's default largest text message, which the engine keeps. */
    static final int MAX_TEXT_MESSAGE = 65_536;

    @Test
    void frames_larger_than_the_input_buffer_are_answered_and_a_message_over_the_limit_closes_with_1009() throws Exception {
        try (var engine = new OcppEngine(Duration.ofMinutes(5), SITES); var client = HttpClient.newHttpClient()) {
            var texts = new LinkedBlockingQueue<String>();
            var closed = new CompletableFuture<Integer>();
            var partial = new StringBuilder();
            var socket = client.newWebSocketBuilder().subprotocols("ocpp1.6")
                    .buildAsync(URI.create(engine.url() + "/BIG-1"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                texts.add(partial.toString());
                                partial.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);

            // ~40 KB of two-, three- and four-byte UTF-8 characters, which the reads split anywhere
            var data = "é€😀x".repeat(4_000);
            socket.sendText(dataTransfer("one", data), true).get(10, TimeUnit.SECONDS);
            assertThat(answer(socket, texts)).isEqualTo("[3,\"one\",{\"status\":\"UnknownVendorId\"}]");

            var fragmented = dataTransfer("two", data);
            var half = fragmented.length() / 2;
            socket.sendText(fragmented.substring(0, half), false).get(10, TimeUnit.SECONDS);
            socket.sendText(fragmented.substring(half), true).get(10, TimeUnit.SECONDS);
            assertThat(answer(socket, texts)).isEqualTo("[3,\"two\",{\"status\":\"UnknownVendorId\"}]");

            socket.sendText(dataTransfer("three", "x".repeat(MAX_TEXT_MESSAGE)), true).get(10, TimeUnit.SECONDS);
            assertThat(closed.get(10, TimeUnit.SECONDS)).as("close code").isEqualTo(1009);
            assertThat(texts.stream().filter(text -> text.startsWith("[3,\"three\"")))
                    .as("no answer to the message over the limit").isEmpty();
        }
    }

    /** The next answer to one of our CALLs; the engine's own CALLs (its default profile) are accepted meanwhile. */
    private static String answer(WebSocket socket, LinkedBlockingQueue<String> texts) throws Exception {
        while (true) {
            var text = texts.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a frame from the engine within 10 s").isNotNull();
            if (!text.startsWith("[2,")) return text;
            var id = text.substring(3, text.indexOf(',', 3));
            socket.sendText("[3," + id + ",{\"status\":\"Accepted\"}]", true).get(10, TimeUnit.SECONDS);
        }
    }

    private static String dataTransfer(String id, String data) {
        return "[2,\"" + id + "\",\"DataTransfer\",{\"vendorId\":\"com.example\",\"data\":\"" + data + "\"}]";
    }
}
