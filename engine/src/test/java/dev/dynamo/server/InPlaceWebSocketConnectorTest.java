package dev.dynamo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.site.SiteRegistry;
import dev.dynamo.testing.ManualClock;
import dev.dynamo.testing.ManualTimers;
import dev.dynamo.testing.TestEngine;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's plain connector handles a WebSocket's messages on the selector thread that read them
 * ({@link InPlaceWebSocketConnector}). It relies on Jetty internals, so a Jetty upgrade could quietly bring back a
 * hand-off to a pool thread per readable socket; this test would then fail.
 *
 * <p>What tells: the execution strategy of the connector's selectors (Jetty's {@link AdaptiveExecutionStrategy}, its
 * JMX counters) counts how each task it produced ran. A read declared non-blocking runs in "produce-consume" mode, on
 * the selector's own thread; a blocking one is handed off ("execute-produce-consume": a reserved thread takes over
 * selecting; "produce-execute-consume": the task goes to the pool). A second, ordinary {@link ServerConnector} on the
 * same engine and the same route is the control: there the very same messages are handed off, so the test can fail.
 * ({@code Invocable.isNonBlockingInvocation()} does not tell: in Jetty 12.1 produce-consume runs the task as it is;
 * only "produce-invoke-consume", for tasks that may run either way, sets it.)
 */
class InPlaceWebSocketConnectorTest {
    private static final int MESSAGES = 5;
    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void websocket_messages_on_the_plain_connector_are_handled_on_the_selector_thread_and_on_a_plain_jetty_connector_are_not()
            throws Exception {
        var probe = new ProbePlugin();
        var clock = new ManualClock(Instant.parse("2026-12-06T20:00:00Z"));
        var options = TestEngine.options(dir.resolve("data"), TestEngine.sitesFile(dir, "{\"sites\":[]}"), null, clock,
                new ManualTimers(clock)).withPlugin(probe);
        try (var engine = EngineServer.start(options)) {
            var connectors = Arrays.stream(probe.server.get().getConnectors()).map(ServerConnector.class::cast).toList();
            assertThat(connectors).hasSize(2);
            var plain = connectors.stream().filter(c -> c.getLocalPort() == engine.port()).findFirst().orElseThrow();
            var control = connectors.stream().filter(c -> c != plain).findFirst().orElseThrow();
            assertThat(plain).as("the engine's own connector").isInstanceOf(InPlaceWebSocketConnector.class);
            assertThat(control).as("the control").isNotInstanceOf(InPlaceWebSocketConnector.class);

            var inPlace = exchange(plain);
            var handedOff = exchange(control);

            assertThat(inPlace.consumedOnSelector()).as("messages read on the selector thread, engine's connector: %s", inPlace)
                    .isEqualTo(MESSAGES);
            assertThat(inPlace.handedOff()).as("hand-offs, engine's connector: %s", inPlace).isZero();
            assertThat(handedOff.handedOff()).as("hand-offs, the plain Jetty control: %s", handedOff)
                    .isEqualTo(MESSAGES);
            assertThat(handedOff.consumedOnSelector()).as("messages read on the selector thread, the control: %s", handedOff)
                    .isZero();
        }
    }

    /**
     * Opens a WebSocket on {@code connector}, lets the upgrade and a first message settle, then sends
     * {@link #MESSAGES} messages one at a time and returns how the connector's selectors ran their tasks meanwhile.
     * Each message is sent only once the server waits for it through its selector (its end point is fill-interested
     * again, the previous read has ended), so each is read by one task the selector produced, not by the previous
     * read looking for more; the WebSocket is the connector's only socket.
     */
    private static Modes exchange(ServerConnector connector) throws Exception {
        var echoes = new LinkedBlockingQueue<String>();
        try (var client = HttpClient.newHttpClient()) {
            return exchange(connector, client, echoes);
        }
    }

    private static Modes exchange(ServerConnector connector, HttpClient client, LinkedBlockingQueue<String> echoes)
            throws Exception {
        var socket = client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + connector.getLocalPort() + ProbePlugin.PATH), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        echoes.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        try {
            send(socket, "settle", echoes);
            assertThat(connector.getConnectedEndPoints()).as("the server's end of the WebSocket").hasSize(1);
            var endPoint = connector.getConnectedEndPoints().iterator().next();
            awaitReadThroughSelector(endPoint);
            var before = Modes.of(connector);
            for (int i = 0; i < MESSAGES; i++) {
                send(socket, "message " + i, echoes);
                awaitReadThroughSelector(endPoint);
            }
            return Modes.of(connector).minus(before);
        } finally {
            socket.abort();
        }
    }

    private static void send(WebSocket socket, String text, LinkedBlockingQueue<String> echoes) throws Exception {
        socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(echoes.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("the echo of " + text).isEqualTo(text);
    }

    /** Waits (bounded) until the end point's next read waits on the selector. */
    private static void awaitReadThroughSelector(EndPoint endPoint) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!endPoint.isFillInterested()) {
            assertThat(System.nanoTime()).as("the end point is fill-interested again within %d s: %s", WAIT_SECONDS, endPoint)
                    .isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** How a connector's selectors ran the tasks they produced, summed over its selectors. */
    private record Modes(long consumedOnSelector, long handedOff) {
        static Modes of(ServerConnector connector) {
            var strategies = connector.getSelectorManager().getContainedBeans(AdaptiveExecutionStrategy.class);
            assertThat(strategies).as("the selectors' execution strategies (a Jetty upgrade changed them?)").isNotEmpty();
            long consumed = 0, handedOff = 0;
            for (var strategy : strategies) {
                consumed += strategy.getPCTasksConsumed();
                handedOff += strategy.getEPCTasksConsumed() + strategy.getPECTasksExecuted() + strategy.getPICTasksExecuted();
            }
            return new Modes(consumed, handedOff);
        }

        Modes minus(Modes earlier) {
            return new Modes(consumedOnSelector - earlier.consumedOnSelector, handedOff - earlier.handedOff);
        }
    }

    /** An echo route on the engine, and a second, ordinary Jetty connector beside the engine's own. */
    private static final class ProbePlugin implements EnginePlugin {
        static final String PATH = "/test/in-place-probe";
        final AtomicReference<Server> server = new AtomicReference<>();

        @Override
        public void install(JavalinConfig app, SiteRegistry sites, EngineOptions options) {
            app.jetty.modifyServer(server::set);
            app.jetty.addConnector((jetty, http) -> {
                var control = new ServerConnector(jetty, new HttpConnectionFactory(http));
                control.setHost("127.0.0.1");
                control.setPort(0);
                return control;
            });
            app.routes.ws(PATH, ws -> ws.onMessage(ctx -> ctx.send(ctx.message())));
        }
    }
}
