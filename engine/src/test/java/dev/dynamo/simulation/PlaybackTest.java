package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EngineServer;
import dev.dynamo.testing.HttpTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybackTest {
    @TempDir
    Path dir;

    private EngineServer engine(Playback playback) throws IOException {
        var sites = Files.writeString(dir.resolve("no-sites.json"), "{\"sites\": []}");
        return EngineServer.start(EngineOptions.defaults().withPort(0).withDataDir(dir.resolve("data")).withSitesFile(sites)
                .withClock(playback.clock()).withTimers(playback.timers()));
    }

    private SimulationReport playToEnd(Scenario scenario, List<StrategyChoice> choices) throws Exception {
        var finished = new CompletableFuture<SimulationReport>();
        var playback = new Playback(scenario, choices, PacedClock.MAX_SPEED, false, System::nanoTime, new Playback.Listener() {
            @Override
            public void finished(SimulationReport report) { finished.complete(report); }

            @Override
            public void failed(RuntimeException failure) { finished.completeExceptionally(failure); }
        });
        try (var server = engine(playback); playback) {
            playback.start(server.sites());
            return finished.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void atMaxSpeedAPlaybackMeasuresWhatTheSimulatorDoesWithRotationTimers() throws Exception {
        var scenario = Scenarios.shipped("office-car-park");
        var choices = List.of(StrategyChoice.scenario(), StrategyChoice.parse("equal"), StrategyChoice.parse("priority"));
        var expected = new Simulator().compare(scenario, choices, Simulator.Progress.NONE);
        var played = playToEnd(scenario, choices);
        assertThat(played.runs()).extracting(RunResult::kpis).isEqualTo(expected.runs().stream().map(RunResult::kpis).toList());
        assertThat(played.runs()).extracting(RunResult::vehicles).isEqualTo(expected.runs().stream().map(RunResult::vehicles).toList());
    }

    @Test
    void atMaxSpeedAPlaybackMeasuresWhatTheSimulatorDoesWithScheduleBoundariesAndConfigChanges() throws Exception {
        var scenario = Scenarios.shipped("overnight-depot");
        var choices = List.of(StrategyChoice.scenario(), StrategyChoice.parse("equal"));
        var expected = new Simulator().compare(scenario, choices, Simulator.Progress.NONE);
        var played = playToEnd(scenario, choices);
        assertThat(played.runs()).extracting(RunResult::kpis).isEqualTo(expected.runs().stream().map(RunResult::kpis).toList());
    }

    private static void awaitAllocations(HttpTestClient client, String siteId, int count) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            var allocation = client.get("/api/v1/smart-charging/sites/" + siteId + "/allocation");
            assertThat(allocation.status()).isEqualTo(200);
            if (allocation.json().get("allocations").size() >= count) return;
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aPacedPlaybackServesItsSitesOverHttpAndStandsStillWhilePaused() throws Exception {
        var scenario = Scenarios.twoChargers();
        var playback = new Playback(scenario, List.of(StrategyChoice.parse("equal"), StrategyChoice.parse("priority")),
                3600, false, System::nanoTime, new Playback.Listener() {});
        try (var server = engine(playback); playback) {
            // paused, the run still handles what happens at its first instant
            playback.pause();
            playback.start(server.sites());
            assertThat(playback.siteIds()).containsExactly("test-site-equal", "test-site-priority");
            var client = new HttpTestClient(server.baseUri());
            // vehicle A charges from the start on both sites
            for (var siteId : playback.siteIds()) {
                awaitAllocations(client, siteId, 1);
                var allocation = client.get("/api/v1/smart-charging/sites/" + siteId + "/allocation");
                assertThat(allocation.json().get("allocations").get(0).get("status").asText()).isEqualTo("charging");
            }
            assertThat(playback.clock().instant()).isEqualTo(scenario.start());
            // B arrives at 09:00, one simulated hour = one wall second in
            playback.resume();
            awaitAllocations(client, "test-site-equal", 2);
            assertThat(playback.clock().instant()).isAfterOrEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
            playback.pause();
            var paused = playback.clock().instant();
            Thread.sleep(300);
            assertThat(playback.clock().instant()).isEqualTo(paused);
            var history = client.get("/api/v1/smart-charging/sites/test-site-equal/allocation/history?from=2026-11-23T07:00:00Z&to="
                    + paused + "&interval=5min");
            assertThat(history.status()).isEqualTo(200);
            // decisions are recorded at simulated time
            var decisions = 0;
            for (var bucket : history.json().get("buckets")) decisions += bucket.get("decisions").asInt();
            assertThat(decisions).isGreaterThanOrEqualTo(2);
            playback.resume();
            Thread.sleep(100);
            assertThat(playback.clock().instant()).isAfter(paused);
        }
    }

    @Test
    void aLoopingPlaybackStartsAgainWhereItEndedWithVehiclesChargingAtOnce() throws Exception {
        var scenario = Playback.shifted(Scenarios.shipped("demo-loop"), Instant.parse("2030-01-01T00:00:00Z"));
        var playback = new Playback(scenario, List.of(StrategyChoice.scenario()), PacedClock.MAX_SPEED, true, System::nanoTime,
                new Playback.Listener() {});
        try (var server = engine(playback); playback) {
            playback.start(server.sites());
            var secondPass = scenario.end().plus(scenario.duration());
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (playback.clock().instant().isBefore(secondPass)) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            playback.pause();
            assertThat(playback.siteIds()).containsExactly("demo-depot");
            var allocation = new HttpTestClient(server.baseUri()).get("/api/v1/smart-charging/sites/demo-depot/allocation");
            assertThat(Instant.parse(allocation.json().get("calculated_at").asText())).isAfterOrEqualTo(secondPass);
        }
    }

    @Test
    void theDemoLoopHasVehiclesChargingFromItsFirstInstant() {
        var scenario = Scenarios.shipped("demo-loop");
        assertThat(Simulator.vehicles(scenario).stream().filter(v -> v.arrival().equals(scenario.start())).count())
                .isGreaterThanOrEqualTo(5);
    }
}
