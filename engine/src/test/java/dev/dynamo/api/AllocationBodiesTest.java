package dev.dynamo.api;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.equal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynamo.contract.MeterDefinition;
import dev.dynamo.contract.MeterReading;
import dev.dynamo.contract.MeterSource;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.SiteView;
import dev.dynamo.testing.SiteFixture;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GET allocation body is made from one published view of the site. A site publishes a new view whenever it
 * likes (its own thread); a body that read the allocation from one view and the meters from the next showed a
 * fresh grid reading beside the fallback budget it had just replaced (ModbusMeterTest, once in CI).
 */
class AllocationBodiesTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SiteFixture fixture = new SiteFixture(T0);

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Hands out the views in order, then the last one for good: a site that publishes between two reads. */
    private static Supplier<SiteView> publishedInTurn(SiteView... views) {
        var queue = new ArrayDeque<>(List.of(views));
        return () -> queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Test
    void a_reading_published_while_the_body_is_made_is_in_it_with_its_own_budget_or_not_at_all() throws Exception {
        var meter = new MeterDefinition("main", "grid", MeterSource.API, 60, 90, 0, null);
        fixture.registry.putSite(new SiteDefinition("mb", "Site mb", ZoneId.of("UTC"), 100, null, List.of(),
                List.of(charger("MB-1", 22), charger("MB-2", 22)), List.of(meter)), _ -> {});
        var site = fixture.registry.site("mb").orElseThrow();
        site.storeConfig(_ -> equal(80, 0, T0));
        site.startSession("MB-1", SessionStart.NONE, null);
        var beforeReading = site.view(); // never read: stale from the start, on its 90 kW fallback
        site.postMeterReading("main", new MeterReading(60, null, null)); // fresh: a decision at once
        var afterReading = site.view();
        assertThat(beforeReading.allocation().budget().binding()).isEqualTo("meter_fallback");
        assertThat(afterReading.allocation().budget().binding()).isEqualTo("grid_meter");

        var body = MAPPER.readTree(new AllocationBodies().latest(publishedInTurn(beforeReading, afterReading))
                .orElseThrow().json());

        var shown = body.get("meters").get(0);
        var budget = body.get("budget");
        if (shown.get("power_kw").isNull()) {
            assertThat(budget.get("binding").asText()).as(body::toString).isEqualTo("meter_fallback");
        } else {
            assertThat(budget.get("grid_headroom_kw").asDouble()).as(body::toString)
                    .isEqualTo(100 - shown.get("other_load_kw").asDouble());
            assertThat(budget.get("binding").asText()).as(body::toString).isEqualTo("grid_meter");
        }
    }
}
