package dev.dynamo.console.testengine;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.HttpEngineClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fake engine with a small site, and the connection the screens get for it. */
public final class TestSites {
    private TestSites() {}

    public static FakeEngine threeChargers() throws Exception {
        var chargers = new LinkedHashMap<String, Double>();
        chargers.put("CP-001", 22.0);
        chargers.put("CP-002", 22.0);
        chargers.put("CP-003", 11.0);
        return new FakeEngine("key", 100, chargers);
    }

    public static FakeEngine of(Map<String, Double> chargers, double capacityKw) throws Exception {
        return new FakeEngine("key", capacityKw, chargers);
    }

    public static ConnectedSite connect(FakeEngine engine) {
        var api = new HttpEngineClient(engine.baseUri(), "key");
        var site = api.sites().getFirst();
        return new ConnectedSite(api, site, "fake-1", false);
    }
}
