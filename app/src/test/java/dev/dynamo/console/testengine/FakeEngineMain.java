package dev.dynamo.console.testengine;

import java.util.LinkedHashMap;

/** Runs the fake engine by hand (for trying the console without the real one): prints its URL. */
public final class FakeEngineMain {
    private FakeEngineMain() {}

    public static void main(String[] args) throws Exception {
        var count = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        var chargers = new LinkedHashMap<String, Double>();
        for (int i = 1; i <= count; i++) chargers.put("CP-%03d".formatted(i), i % 3 == 0 ? 11.0 : 22.0);
        var engine = new FakeEngine("key", 250, chargers);
        System.out.println(engine.baseUri());
        Thread.sleep(Long.MAX_VALUE);
    }
}
