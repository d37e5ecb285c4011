package dev.dynamo.ocpp;

import dev.dynamo.allocation.Phase;
import dev.dynamo.site.ChargerDefinition;
import dev.dynamo.site.ChargingConfig;
import dev.dynamo.site.RateUnit;
import dev.dynamo.site.SiteDefinition;
import dev.dynamo.site.SiteEnvironment;
import dev.dynamo.site.SiteHandle;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.Strategy;
import dev.dynamo.site.SystemTimers;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/** The site layer and the OCPP connector on a Javalin server on a random loopback port. */
final class TestEngine implements AutoCloseable {
    final MemoryStore store = new MemoryStore();
    final SiteRegistry sites;
    final OcppConnector connector;
    final Javalin app;
    private final SystemTimers timers;

    TestEngine(Duration commLossGrace) {
        this(commLossGrace, _ -> {});
    }

    TestEngine(Duration commLossGrace, Consumer<io.javalin.config.JavalinConfig> more) {
        var clock = Clock.systemUTC();
        timers = new SystemTimers(clock);
        sites = new SiteRegistry(new SiteEnvironment(clock, store, d -> store.appendDecisions(List.of(d)), timers, commLossGrace));
        connector = new OcppConnector(new SiteRegistryPort(sites), OcppSettings.defaults(clock, commLossGrace));
        app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            connector.register(config);
            more.accept(config);
        }).start();
    }

    String url() {
        return "ws://127.0.0.1:" + app.port() + "/ocpp";
    }

    static ChargerDefinition charger(String id, double maxKw, RateUnit unit, String password) {
        return new ChargerDefinition(id, maxKw, 3, 230, unit, password, null, Phase.L1);
    }

    SiteHandle site(String siteId, double capacityKw, List<ChargerDefinition> chargers, double maxPowerKw) {
        var definition = new SiteDefinition(siteId, siteId, ZoneId.of("UTC"), capacityKw, null, List.of(), chargers);
        sites.putSite(definition, _ -> {});
        var handle = sites.site(siteId).orElseThrow();
        handle.storeConfig(_ -> new ChargingConfig(maxPowerKw, Strategy.EQUAL, 0, List.of(), List.of(), null, false,
                Clock.systemUTC().instant()));
        return handle;
    }

    @Override
    public void close() {
        app.stop();
        connector.close();
        sites.close();
        timers.close();
    }
}
