package dev.dynamo.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A 503 from /health is the engine saying what fails, not an error of the call. */
class HealthTest {

    @Test
    void a_degraded_engine_says_what_fails_and_an_ok_one_nothing() throws Exception {
        var body = new String[] {"{\"status\":\"degraded\",\"store\":\"does not answer: connection refused\"}"};
        var status = new int[] {503};
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            var bytes = body[0].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status[0], bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            var client = new HttpEngineClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null);

            var degraded = client.health();
            assertThat(degraded.degraded()).isTrue();
            assertThat(degraded.problem()).isEqualTo("store: does not answer: connection refused");

            body[0] = "{\"status\":\"ok\"}";
            status[0] = 200;
            var ok = client.health();
            assertThat(ok.degraded()).isFalse();
            assertThat(ok.problem()).isEmpty();
        } finally {
            server.stop(0);
        }
    }
}
