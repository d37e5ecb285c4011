package dev.dynamo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite on a small file system (a tmpfs the test mounts; needs root) that runs full: writes get 503 and
 * change nothing, reads keep working, /health says what fails, and when space is freed the engine
 * writes again by itself.
 */
@Tag("fault")
class SqliteFullDiskTest {
    @TempDir
    Path dir;
    private Path disk;
    private boolean mounted;

    private void mountSmallDisk() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        var mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        assumeTrue(mounted, "this test mounts a tmpfs and needs root (mount: " + new String(mount.getInputStream().readAllBytes()) + ")");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    private static String config(double kw) {
        return "{\"max_power_kw\":" + kw + ",\"strategy\":\"equal\"}";
    }

    @Test
    void a_full_disk_refuses_writes_cleanly_keeps_reads_and_recovers_when_space_returns() throws Exception {
        mountSmallDisk();
        var data = disk.resolve("data");
        var sites = TestEngine.sitesFile(dir, "{\"sites\":[{\"site_id\":\"full\",\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":200,"
                + "\"chargers\":[{\"charge_point_id\":\"F-1\",\"max_power_kw\":22},{\"charge_point_id\":\"F-2\",\"max_power_kw\":22}]}]}");
        double acknowledged;
        try (var engine = new TestEngine(Instant.now(), data, sites, null)) {
            var client = engine.client;
            assertThat(client.put("/api/v1/smart-charging/sites/full/config", config(60)).status()).isEqualTo(201);
            acknowledged = 60;
            assertThat(client.post("/api/v1/sites/full/chargers/F-1/session").status()).isEqualTo(201);

            var filler = disk.resolve("filler");
            fill(filler);

            // the WAL may still have room: write until the disk says no, remembering what was acknowledged
            HttpTestClient.Response refused = null;
            var writesBeforeRefusal = 0;
            for (int i = 0; i < 2_000 && refused == null; i++, writesBeforeRefusal = i) {
                var kw = 10 + (i % 400) / 10.0;
                var response = client.put("/api/v1/smart-charging/sites/full/config", config(kw));
                if (response.status() == 200) acknowledged = kw;
                else refused = response;
            }
            assertThat(refused).as("a write failed on the full disk").isNotNull();
            System.out.println("full disk: " + writesBeforeRefusal + " config writes went into room the WAL had, then " + refused);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(client.post("/api/v1/sites/full/chargers/F-2/session").status()).isEqualTo(503);

            // nothing half-applied; reads answer
            assertThat(client.get("/api/v1/smart-charging/sites/full/config").json().get("max_power_kw").asDouble())
                    .isEqualTo(acknowledged);
            var site = client.get("/api/v1/sites/full");
            assertThat(site.status()).isEqualTo(200);
            assertThat(site.json().get("chargers").get(1).get("session").isNull()).isTrue();
            assertThat(client.get("/api/v1/smart-charging/sites/full/allocation").status()).isEqualTo(200);
            assertThat(client.get("/api/v1/smart-charging/sites/full/allocation/history?interval=5min").status()).isEqualTo(200);
            assertThat(client.get("/api/v1/sites/full/decisions?limit=5").status()).isEqualTo(200);
            var health = client.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("store").asText()).containsIgnoringCase("full");

            Files.delete(filler);

            awaitHealthy(client);
            assertThat(client.put("/api/v1/smart-charging/sites/full/config", config(55)).status()).isEqualTo(200);
            acknowledged = 55;
            assertThat(client.post("/api/v1/sites/full/chargers/F-2/session").status()).isEqualTo(201);
        }
        try (var engine = new TestEngine(Instant.now(), data, sites, null)) {
            assertThat(engine.client.get("/api/v1/smart-charging/sites/full/config").json().get("max_power_kw").asDouble())
                    .isEqualTo(acknowledged);
            var chargers = engine.client.get("/api/v1/sites/full").json().get("chargers");
            assertThat(chargers.get(0).get("session").isNull()).isFalse();
            assertThat(chargers.get(1).get("session").isNull()).isFalse();
        }
    }

    /** Writes to the file until the file system has no byte left. */
    private static void fill(Path filler) {
        var chunk = new byte[4096];
        try (var out = Files.newOutputStream(filler)) {
            while (true) out.write(chunk);
        } catch (IOException full) {
            // no space left on the device: what this test wants
        }
    }

    private static void awaitHealthy(HttpTestClient client) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.get("/health").status() != 200) {
            assertThat(System.nanoTime()).as("healthy again within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
