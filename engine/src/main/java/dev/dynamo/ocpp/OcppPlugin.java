package dev.dynamo.ocpp;

import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EnginePlugin;
import dev.dynamo.site.SiteRegistry;
import io.javalin.config.JavalinConfig;

/** The OCPP 1.6J connector as an engine plugin: {@code /ocpp/{charge_point_id}} on the engine's port. */
public final class OcppPlugin implements EnginePlugin {
    private OcppConnector connector;

    @Override
    public void install(JavalinConfig app, SiteRegistry sites, EngineOptions options) {
        connector = new OcppConnector(new SiteRegistryPort(sites), OcppSettings.defaults(options.clock(), options.commLossGrace()));
        connector.register(app);
    }

    @Override
    public void close() {
        if (connector != null) {
            connector.close();
        }
    }
}
