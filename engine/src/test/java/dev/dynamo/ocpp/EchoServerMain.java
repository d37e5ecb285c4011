package dev.dynamo.ocpp;

import io.javalin.Javalin;

/**
 * A bare WebSocket echo on the engine's server stack (Javalin 7 on Jetty 12, same defaults), for the OCPP burst
 * comparison in docs/benchmarks.md: {@code echo-bench.js} measures its messages/s with the load test's generator.
 * Not a test; run by hand: {@code java -cp <test classpath> dev.dynamo.ocpp.EchoServerMain 18766}.
 */
public final class EchoServerMain {
    private EchoServerMain() {}

    public static void main(String[] args) {
        var port = args.length > 0 ? Integer.parseInt(args[0]) : 18766;
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.result("ok"));
            config.routes.ws("/echo/{id}", ws -> ws.onMessage(ctx -> ctx.send(ctx.message())));
        }).start("127.0.0.1", port);
    }
}
