package dev.dynamo.server;

import dev.dynamo.site.SiteRegistry;
import io.javalin.config.JavalinConfig;

/**
 * Something that runs inside the engine on the same app and port, such as the OCPP connector: it may add
 * routes (a WebSocket endpoint) to the app being built and listeners to the sites.
 */
public interface EnginePlugin extends AutoCloseable {

    /** Called once at start-up, before the app is built and before any site's first decision after a restart. */
    void install(JavalinConfig app, SiteRegistry sites, EngineOptions options);

    @Override
    default void close() {}
}
