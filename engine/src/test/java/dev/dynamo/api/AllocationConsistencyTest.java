package dev.dynamo.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET allocation under grid readings that change the budget as fast as they come: every body is one view of the
 * site, its budget the one decided on the meters it shows. Before the handler read the view once, about one body in
 * 30,000 paired a new reading with the previous decision (11 of 436,000 in 150 s, 4 readers, load 9-28): the 2 s
 * of the default build are a smoke test, the deterministic check is {@link AllocationBodiesTest}. A longer run:
 * {@code -Ddynamo.consistency.seconds=120}.
 */
class AllocationConsistencyTest {
    private static final double CAPACITY_KW = 100;
    private static final int READERS = 2;

    @TempDir
    Path dir;

    @Test
    void every_body_shows_the_budget_decided_on_the_meters_it_shows() throws Exception {
        var site = """
                {"sites": [{"site_id": "c", "timezone": "UTC", "grid_connection_capacity_kw": %s,
                  "chargers": [{"charge_point_id": "C-1", "max_power_kw": 22}],
                  "meters": [{"meter_id": "main", "node": "grid", "source": "api", "stale_after_s": 3600,
                              "fallback_load_kw": 90}]}]}""".formatted(CAPACITY_KW);
        try (var engine = new TestEngine(Instant.parse("2026-11-24T10:00:00Z"), dir.resolve("data"),
                TestEngine.sitesFile(dir, site), null)) {
            assertThat(engine.client.put("/api/v1/smart-charging/sites/c/config",
                    "{\"max_power_kw\": 80, \"strategy\": \"equal\"}").status()).isEqualTo(201);
            assertThat(engine.client.post("/api/v1/sites/c/chargers/C-1/session").status()).isEqualTo(201);
            var done = new AtomicBoolean();
            var readings = new AtomicInteger();
            var writerFailure = new AtomicReference<String>();
            var writer = Thread.ofPlatform().start(() -> {
                // 60 and 20 kW in turn, 11 s apart on the manual clock: each lowers or raises past the 10 s hold
                for (int i = 0; !done.get(); i++) {
                    engine.clock.advance(Duration.ofSeconds(11));
                    var answer = engine.client.post("/api/v1/sites/c/meters/main/readings",
                            "{\"power_kw\": " + (i % 2 == 0 ? 60 : 20) + "}");
                    if (answer.status() != 204) writerFailure.compareAndSet(null, answer.toString());
                    readings.incrementAndGet();
                }
            });
            var until = System.nanoTime() + Duration.ofSeconds(Long.getLong("dynamo.consistency.seconds", 2)).toNanos();
            var bodies = new AtomicInteger();
            var torn = new AtomicReference<String>();
            var readers = new ArrayList<Thread>();
            for (int r = 0; r < READERS; r++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    var client = new HttpTestClient(engine.server.baseUri());
                    while (System.nanoTime() < until && torn.get() == null) {
                        var body = client.get("/api/v1/smart-charging/sites/c/allocation").json();
                        bodies.incrementAndGet();
                        // other_load_kw is the reading's, or the fallback while the meter is stale (never read)
                        var otherLoadKw = body.get("meters").get(0).get("other_load_kw").asDouble();
                        if (body.get("budget").get("grid_headroom_kw").asDouble() != CAPACITY_KW - otherLoadKw) {
                            torn.compareAndSet(null, body.toString());
                        }
                    }
                }));
            }
            for (var reader : readers) reader.join();
            done.set(true);
            writer.join();
            assertThat(writerFailure.get()).isNull();
            assertThat(readings.get()).as("readings posted").isPositive();
            assertThat(bodies.get()).as("bodies read").isPositive();
            assertThat(torn.get()).as("a body whose budget is not the one of its meters").isNull();
        }
    }
}
