package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynamo.site.DefaultLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A reconnect storm on the real engine: a site's chargers all connect and boot at once. Every one is answered and
 * gets its TxDefaultProfile for its own defined limit, the site counts every one connected, and the connections
 * make at most one {@code connect} decision each (how many fewer depends on timing; that a burst queued behind a
 * busy site is one decision is {@code ConnectBurstTest}'s). And the upgrade sets no HTTP session cookie.
 */
class OcppConnectBurstTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHARGERS = 40;
    private static final String SITES = "{\"sites\": [{\"site_id\": \"storm\", \"name\": \"Storm\", \"timezone\": \"UTC\", "
            + "\"grid_connection_capacity_kw\": 300, \"chargers\": ["
            + IntStream.rangeClosed(1, CHARGERS).mapToObj(i -> "{\"charge_point_id\": \"ST-" + i + "\", \"max_power_kw\": "
                    + (i % 2 == 0 ? 22 : 11) + "}").collect(Collectors.joining(", "))
            + "]}]}";

    /** One charge point: sends its BootNotification at once, accepts every CALL and keeps the profiles it got. */
    private static final class Charger implements WebSocket.Listener {
        final String id;
        final CompletableFuture<JsonNode> boot = new CompletableFuture<>();
        final CompletableFuture<JsonNode> defaultProfile = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        Charger(String id) { this.id = id; }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            send("[2,\"boot\",\"BootNotification\",{\"chargePointVendor\":\"Storm\",\"chargePointModel\":\"Test\"}]");
            webSocket.request(1);
        }

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
                    var frame = JSON.readTree(text);
                    if (frame.get(0).asInt() == 2) {
                        var profile = frame.get(3).path("csChargingProfiles");
                        if ("TxDefaultProfile".equals(profile.path("chargingProfilePurpose").asText())) defaultProfile.complete(profile);
                        Thread.ofVirtual().start(() -> send("[3,\"" + frame.get(1).asText() + "\",{\"status\":\"Accepted\"}]"));
                    } else if ("boot".equals(frame.get(1).asText())) {
                        boot.complete(frame);
                    }
                } catch (Exception e) {
                    boot.completeExceptionally(e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Test
    void chargers_connecting_all_at_once_each_get_their_default_profile_and_are_counted_connected() throws Exception {
        try (var engine = new OcppEngine(Duration.ofMinutes(5), SITES)) {
            engine.putConfig("storm", "{\"max_power_kw\": 200, \"strategy\": \"equal\"}");
            var http = HttpClient.newHttpClient();
            var chargers = IntStream.rangeClosed(1, CHARGERS).mapToObj(i -> new Charger("ST-" + i)).toList();
            var sockets = new ArrayList<CompletableFuture<WebSocket>>();
            for (var charger : chargers) {
                sockets.add(http.newWebSocketBuilder().subprotocols("ocpp1.6")
                        .buildAsync(URI.create(engine.url() + "/" + charger.id), charger));
            }
            try {
                var site = engine.sites().site("storm").orElseThrow();
                Map<String, Double> defaults = DefaultLimits.kwByCharger(site.view().definition());
                for (var charger : chargers) {
                    var boot = charger.boot.get(30, TimeUnit.SECONDS);
                    assertThat(boot.get(0).asInt()).as(charger.id).isEqualTo(3);
                    assertThat(boot.get(2).path("status").asText()).isEqualTo("Accepted");
                    var profile = charger.defaultProfile.get(30, TimeUnit.SECONDS);
                    var schedule = profile.path("chargingSchedule");
                    assertThat(schedule.path("chargingRateUnit").asText()).isEqualTo("W");
                    assertThat(schedule.path("chargingSchedulePeriod").get(0).path("limit").asDouble()).as(charger.id)
                            .isEqualTo(Profiles.watts(defaults.get(charger.id)));
                }
                site.awaitIdle(); // after the connect decision queued by the last connection's task
                assertThat(site.view().connected()).hasSize(CHARGERS);
                var connects = connectDecisions(engine);
                assertThat(connects).isBetween(1, CHARGERS);
            } finally {
                sockets.forEach(s -> s.thenAccept(WebSocket::abort));
            }
        }
    }

    @Test
    void the_upgrade_sets_no_session_cookie() throws Exception {
        try (var engine = new OcppEngine(Duration.ofMinutes(5), SITES);
             var socket = new Socket("127.0.0.1", engine.port())) {
            var request = "GET /ocpp/ST-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: ocpp1.6\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var head = new ArrayList<String>();
            for (String line; (line = reader.readLine()) != null && !line.isEmpty(); ) head.add(line);
            assertThat(head.getFirst()).contains("101");
            assertThat(head).noneMatch(line -> line.toLowerCase().startsWith("set-cookie"));
            assertThat(head).contains("Sec-WebSocket-Protocol: ocpp1.6");
        }
    }

    private static int connectDecisions(OcppEngine engine) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port()
                + "/api/v1/sites/storm/decisions?limit=10000")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        var count = 0;
        for (var decision : JSON.readTree(response.body()).path("decisions")) {
            if ("connect".equals(decision.path("trigger").asText())) count++;
        }
        return count;
    }
}
