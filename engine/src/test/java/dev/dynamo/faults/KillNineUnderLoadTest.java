package dev.dynamo.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.EngineProcess;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under load, 20 cycles: 100 OCPP chargers on two sites start and stop transactions at 50 a
 * second while an HTTP client writes configs; at a random moment the engine process is killed. After each
 * restart every acknowledged session (with its transaction id) and config is there, an operation that was
 * in flight at the kill is either wholly there or not at all, no transaction id was handed out twice, and
 * every allocation holds within its budget, the grid connection and each charger's rating.
 */
@Tag("fault")
class KillNineUnderLoadTest {
    private static final int CYCLES = Integer.getInteger("dynamo.kill9.cycles", 20);
    private static final int CHARGERS_PER_SITE = 50;
    private static final double CHARGER_KW = 22;
    private static final double CAPACITY_KW = 400;
    private static final List<String> SITES = List.of("load-a", "load-b");
    private static final double EPSILON = 1e-6;

    @TempDir
    Path dir;

    /** What the test knows of one charger: its acknowledged transaction (null: none) and an operation in flight. */
    private static final class Charger {
        final String site;
        final String id;
        Integer acknowledgedTx;
        String inFlight; // "start", "stop" or null

        Charger(String site, String id) {
            this.site = site;
            this.id = id;
        }
    }

    private final Map<String, Charger> chargers = new HashMap<>();
    private final Map<String, Double> acknowledgedConfig = new HashMap<>();
    private final Map<String, Double> inFlightConfig = new HashMap<>();
    private final Set<Integer> transactionIds = new HashSet<>();
    private final List<Integer> repeatedTransactionIds = new ArrayList<>();
    private final AtomicInteger startsAcknowledged = new AtomicInteger();
    private final AtomicInteger stopsAcknowledged = new AtomicInteger();
    private final AtomicInteger configsAcknowledged = new AtomicInteger();
    private final AtomicInteger callErrors = new AtomicInteger();
    private final AtomicInteger http503 = new AtomicInteger();
    private int inFlightAtKill;
    private int inFlightApplied;
    private int allocationsChecked;

    private String sitesFile() {
        var sites = new StringBuilder("{\"sites\":[");
        for (var site : SITES) {
            if (!site.equals(SITES.getFirst())) sites.append(',');
            sites.append("{\"site_id\":\"").append(site).append("\",\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":")
                    .append(CAPACITY_KW).append(",\"chargers\":[");
            for (int i = 1; i <= CHARGERS_PER_SITE; i++) {
                var id = site.toUpperCase() + "-" + i;
                chargers.put(id, new Charger(site, id));
                if (i > 1) sites.append(',');
                sites.append("{\"charge_point_id\":\"").append(id).append("\",\"max_power_kw\":").append(CHARGER_KW).append('}');
            }
            sites.append("]}");
        }
        return sites.append("]}").toString();
    }

    private static String config(double kw) {
        return "{\"max_power_kw\":" + kw + ",\"strategy\":\"equal\",\"min_power_per_charger_kw\":1.4,\"rotation_period_min\":15}";
    }

    @Test
    void acknowledged_sessions_configs_and_transaction_ids_survive_kill_9_under_load() throws Exception {
        var data = dir.resolve("data");
        var sites = TestEngine.sitesFile(dir, sitesFile());
        var random = new Random(14);
        var http = HttpClient.newHttpClient();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (var engine = EngineProcess.serve(Map.of(), dir.resolve("engine-" + cycle + ".log"),
                    "--data-dir", data.toString(), "--sites", sites.toString())) {
                engine.awaitHealthy();
                var client = new HttpTestClient(engine.baseUri);
                if (cycle == 0) {
                    for (var site : SITES) {
                        assertThat(client.put("/api/v1/smart-charging/sites/" + site + "/config", config(300)).status()).isEqualTo(201);
                        acknowledgedConfig.put(site, 300.0);
                    }
                } else {
                    verify(client, cycle);
                }
                runUntilKilled(engine, client, http, 2_000 + random.nextInt(3_000), random);
            }
        }
        try (var engine = EngineProcess.serve(Map.of(), dir.resolve("engine-last.log"),
                "--data-dir", data.toString(), "--sites", sites.toString())) {
            engine.awaitHealthy();
            verify(new HttpTestClient(engine.baseUri), CYCLES);
        }
        System.out.printf("kill -9 under load: %d cycles, %d starts and %d stops acknowledged (%d distinct transaction ids), "
                        + "%d configs acknowledged, %d CALLERRORs, %d HTTP 503, %d operations in flight at a kill (%d of them applied), "
                        + "%d allocations checked, %d transaction ids repeated%n",
                CYCLES, startsAcknowledged.get(), stopsAcknowledged.get(), transactionIds.size(), configsAcknowledged.get(),
                callErrors.get(), http503.get(), inFlightAtKill, inFlightApplied, allocationsChecked, repeatedTransactionIds.size());
        assertThat(repeatedTransactionIds).as("transaction ids handed out twice").isEmpty();
    }

    /** Chargers connect, then sessions start and stop at 50/s and configs are written until the engine is killed. */
    private void runUntilKilled(EngineProcess engine, HttpTestClient client, HttpClient http, long runMillis, Random random)
            throws Exception {
        var connected = new ArrayList<LoadCharger>();
        for (var charger : chargers.values()) {
            var load = LoadCharger.connect(http, engine.baseUri, charger.id);
            connected.add(load);
            load.call("BootNotification", LoadCharger.JSON.createObjectNode().put("chargePointVendor", "test")
                    .put("chargePointModel", "load")).get(30, TimeUnit.SECONDS);
        }
        var byId = new HashMap<String, LoadCharger>();
        connected.forEach(c -> byId.put(c.id, c));
        var order = new ArrayList<>(chargers.keySet());
        java.util.Collections.shuffle(order, random);
        var next = new AtomicInteger();
        var scheduler = Executors.newScheduledThreadPool(2);
        // 50 OCPP operations a second
        scheduler.scheduleAtFixedRate(() -> operate(byId.get(order.get(Math.floorMod(next.getAndIncrement(), order.size())))),
                0, 20, TimeUnit.MILLISECONDS);
        var configWrites = new AtomicInteger();
        // 10 config writes a second, one at a time
        scheduler.scheduleWithFixedDelay(() -> writeConfig(client, SITES.get(configWrites.get() % 2),
                100 + (configWrites.getAndIncrement() % 30) * 10), 0, 100, TimeUnit.MILLISECONDS);
        Thread.sleep(runMillis);
        engine.kill();
        scheduler.shutdownNow();
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
        connected.forEach(LoadCharger::close);
    }

    private void operate(LoadCharger load) {
        var charger = chargers.get(load.id);
        synchronized (this) {
            if (charger.inFlight != null) return;
            charger.inFlight = charger.acknowledgedTx == null ? "start" : "stop";
        }
        var now = Instant.now().toString();
        if ("start".equals(charger.inFlight)) {
            load.call("StartTransaction", LoadCharger.JSON.createObjectNode().put("connectorId", 1).put("idTag", "LOAD")
                    .put("meterStart", 0).put("timestamp", now)).whenComplete((answer, failure) -> {
                synchronized (this) {
                    if (failure == null) {
                        var tx = answer.get("transactionId").asInt();
                        if (!transactionIds.add(tx)) repeatedTransactionIds.add(tx);
                        charger.acknowledgedTx = tx;
                        startsAcknowledged.incrementAndGet();
                        charger.inFlight = null;
                    } else if (failure.getCause() instanceof LoadCharger.CallError || failure instanceof LoadCharger.CallError) {
                        callErrors.incrementAndGet(); // refused: nothing was stored
                        charger.inFlight = null;
                    }
                    // otherwise the connection died with the engine: in flight at the kill
                }
            });
        } else {
            load.call("StopTransaction", LoadCharger.JSON.createObjectNode().put("transactionId", charger.acknowledgedTx)
                    .put("meterStop", 0).put("timestamp", now)).whenComplete((answer, failure) -> {
                synchronized (this) {
                    if (failure == null) {
                        charger.acknowledgedTx = null;
                        stopsAcknowledged.incrementAndGet();
                        charger.inFlight = null;
                    } else if (failure.getCause() instanceof LoadCharger.CallError || failure instanceof LoadCharger.CallError) {
                        callErrors.incrementAndGet();
                        charger.inFlight = null;
                    }
                }
            });
        }
    }

    private void writeConfig(HttpTestClient client, String site, double kw) {
        synchronized (this) {
            inFlightConfig.put(site, kw);
        }
        try {
            var status = client.put("/api/v1/smart-charging/sites/" + site + "/config", config(kw)).status();
            synchronized (this) {
                inFlightConfig.remove(site);
                if (status == 200) {
                    acknowledgedConfig.put(site, kw);
                    configsAcknowledged.incrementAndGet();
                } else if (status == 503) {
                    http503.incrementAndGet();
                } else {
                    throw new AssertionError("config PUT answered " + status);
                }
            }
        } catch (RuntimeException killed) {
            // the engine died while the write was in flight: it may or may not have been applied
        }
    }

    /** The restarted engine against what was acknowledged; what was in flight at the kill is taken as found. */
    private synchronized void verify(HttpTestClient client, int cycle) {
        for (var site : SITES) {
            var siteJson = client.get("/api/v1/sites/" + site).json();
            for (JsonNode node : siteJson.get("chargers")) {
                var charger = chargers.get(node.get("charge_point_id").asText());
                var session = node.get("session");
                var foundTx = session == null || session.isNull() ? null
                        : session.get("transaction_id").isNull() ? Integer.valueOf(-1) : Integer.valueOf(session.get("transaction_id").asInt());
                if (charger.inFlight == null) {
                    assertThat(foundTx).as("cycle %d: %s", cycle, charger.id).isEqualTo(charger.acknowledgedTx);
                } else {
                    inFlightAtKill++;
                    if ("start".equals(charger.inFlight)) {
                        // not there, or there with a transaction id never handed out before
                        if (foundTx != null) {
                            inFlightApplied++;
                            if (!transactionIds.add(foundTx)) repeatedTransactionIds.add(foundTx);
                        }
                    } else {
                        assertThat(foundTx).as("cycle %d: %s (stop in flight)", cycle, charger.id).isIn(null, charger.acknowledgedTx);
                        if (foundTx == null) inFlightApplied++;
                    }
                    charger.acknowledgedTx = foundTx;
                    charger.inFlight = null;
                }
            }
            var config = client.get("/api/v1/smart-charging/sites/" + site + "/config").json().get("max_power_kw").asDouble();
            var inFlight = inFlightConfig.remove(site);
            if (inFlight == null) {
                assertThat(config).as("cycle %d: config of %s", cycle, site).isEqualTo(acknowledgedConfig.get(site));
            } else {
                assertThat(config).as("cycle %d: config of %s (a write in flight)", cycle, site)
                        .isIn(acknowledgedConfig.get(site), inFlight);
                acknowledgedConfig.put(site, config);
            }
            checkAllocation(client.get("/api/v1/smart-charging/sites/" + site + "/allocation").json(), config, cycle);
        }
    }

    private void checkAllocation(JsonNode allocation, double budgetKw, int cycle) {
        allocationsChecked++;
        var total = 0.0;
        for (var a : allocation.get("allocations")) {
            var kw = a.get("allocated_kw").asDouble();
            assertThat(kw).as("cycle %d: %s", cycle, a.get("charge_point_id")).isBetween(0.0, CHARGER_KW + EPSILON);
            total += kw;
        }
        assertThat(total).as("cycle %d: total", cycle).isLessThanOrEqualTo(Math.min(budgetKw, CAPACITY_KW) + EPSILON);
        assertThat(allocation.get("total_allocated_kw").asDouble()).isLessThanOrEqualTo(Math.min(budgetKw, CAPACITY_KW) + EPSILON);
    }
}
