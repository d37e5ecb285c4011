package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.TestEngine;
import java.time.Duration;

/** Steps the HTTP tests take against a {@link TestEngine}, each checked to succeed. */
final class ApiSteps {
    private ApiSteps() {}

    static void createSite(TestEngine engine, String id, double capacityKw, String... chargers) {
        assertThat(engine.client.put("/api/v1/sites/" + id, site(id, capacityKw, chargers)).status()).isEqualTo(201);
    }

    /** Starts a session on each charger, one second apart (so their start order is their admission order). */
    static void startSessions(TestEngine engine, String siteId, String... chargePointIds) {
        for (var cp : chargePointIds) {
            engine.clock.advance(Duration.ofSeconds(1));
            assertThat(engine.client.post(session(siteId, cp)).status()).isEqualTo(201);
        }
    }
}
