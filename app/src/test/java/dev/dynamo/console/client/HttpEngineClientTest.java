package dev.dynamo.console.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.console.testengine.FakeEngine;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEngineClientTest {
    private FakeEngine engine;
    private HttpEngineClient client;

    @BeforeEach
    void start() throws Exception {
        engine = new FakeEngine("secret", 100, Map.of("CP-1", 22.0, "CP-2", 11.0));
        client = new HttpEngineClient(engine.baseUri(), "secret");
    }

    @AfterEach
    void stop() { engine.close(); }

    @Test
    void reads_sites_with_their_chargers_in_snake_case() {
        var sites = client.sites();

        assertThat(sites).singleElement().satisfies(site -> {
            assertThat(site.siteId()).isEqualTo(FakeEngine.SITE_ID);
            assertThat(site.gridConnectionCapacityKw()).isEqualTo(100);
            assertThat(site.chargers()).extracting(Charger::chargePointId).containsExactlyInAnyOrder("CP-1", "CP-2");
        });
    }

    @Test
    void a_missing_config_is_empty_and_a_stored_one_comes_back() {
        assertThat(client.config(FakeEngine.SITE_ID)).isEmpty();

        client.putConfig(FakeEngine.SITE_ID, new ConfigRequest(50, "equal", 2.0, List.of(), List.of(), null, null));

        var stored = client.config(FakeEngine.SITE_ID).orElseThrow();
        assertThat(stored.maxPowerKw()).isEqualTo(50);
        assertThat(stored.strategy()).isEqualTo("equal");
        assertThat(stored.minPowerPerChargerKw()).isEqualTo(2.0);
        assertThat(stored.updatedAt()).isNotNull();
        assertThat(engine.requests()).anySatisfy(r -> assertThat(r)
                .startsWith("PUT /api/v1/smart-charging/sites/demo-site/config")
                .contains("\"max_power_kw\":50.0").doesNotContain("rotation_period_min"));
    }

    @Test
    void a_rejected_config_raises_the_problem_detail_and_field_errors() {
        var tooMuch = new ConfigRequest(300, "equal", null, List.of(), List.of(), null, null);

        assertThatThrownBy(() -> client.putConfig(FakeEngine.SITE_ID, tooMuch))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.detail()).contains("exceeds the grid connection capacity");
                    assertThat(e.errorFor("max_power_kw")).hasValueSatisfying(m -> assertThat(m).contains("100 kW"));
                });
    }

    @Test
    void allocation_and_rebalance_reflect_started_sessions() {
        client.putConfig(FakeEngine.SITE_ID, new ConfigRequest(20, "equal", null, List.of(), List.of(), null, null));
        client.startSession(FakeEngine.SITE_ID, "CP-1", null);
        client.startSession(FakeEngine.SITE_ID, "CP-2", 11.0);

        var allocation = client.allocation(FakeEngine.SITE_ID);
        var rebalance = client.rebalance(FakeEngine.SITE_ID);

        assertThat(allocation.totalBudgetKw()).isEqualTo(20);
        assertThat(allocation.allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(10.0, 10.0);
        assertThat(allocation.allocations().getFirst().measuredKw()).isNull();
        assertThat(rebalance.chargersRecalculated()).isEqualTo(2);
    }

    @Test
    void history_asks_for_the_range_and_interval() {
        var from = Instant.parse("2026-11-24T00:00:00Z");
        var history = client.history(FakeEngine.SITE_ID, from, from.plusSeconds(3600), HistoryInterval.MIN_15);

        assertThat(history.buckets()).hasSize(4);
        assertThat(history.buckets().getFirst().start()).isEqualTo(from);
    }

    @Test
    void a_wrong_key_is_reported_as_401() {
        var wrongKey = new HttpEngineClient(engine.baseUri(), "nope");

        assertThatThrownBy(wrongKey::sites).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void an_engine_that_is_not_there_is_unreachable_not_a_crash() {
        var nobody = new HttpEngineClient(URI.create("http://127.0.0.1:1"), null);

        assertThatThrownBy(nobody::sites).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.unreachable()).isTrue();
            assertThat(e.detail()).contains("127.0.0.1:1");
        });
    }
}
