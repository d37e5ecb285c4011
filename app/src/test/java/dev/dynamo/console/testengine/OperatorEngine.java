package dev.dynamo.console.testengine;

import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.HttpEngineClient;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.console.embedded.EmbeddedEngineStarter;
import java.nio.file.Path;
import java.util.List;

/**
 * A real engine in-process on two sites: {@code yard} (100 kW; Y-1..Y-3, 22 kW each, on {@code row-1}, a
 * 32 A breaker that three of them overfill; Y-4, 11 kW, on the grid connection) and {@code annex} (50 kW, two chargers).
 */
public final class OperatorEngine implements AutoCloseable {
    public static final String YARD = "yard";
    public static final String ANNEX = "annex";

    public final RunningEngine engine;
    public final EngineApi api;

    public OperatorEngine() throws Exception {
        var sites = Path.of(OperatorEngine.class.getResource("operator-sites.json").toURI());
        engine = new EmbeddedEngineStarter(sites).start();
        api = new HttpEngineClient(engine.baseUri(), engine.apiKey());
    }

    public ConnectedSite connect(String siteId) {
        return new ConnectedSite(api, api.site(siteId), "embedded", false);
    }

    /** Equal sharing of {@code budgetKw} on the yard, with these chargers charging. */
    public void yard(double budgetKw, String... charging) {
        api.putConfig(YARD, new ConfigRequest(budgetKw, "equal", null, List.of(), List.of(), null, null));
        for (var cp : charging) api.startSession(YARD, cp, null);
    }

    @Override
    public void close() { engine.close(); }
}
