package dev.dynamo.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The fields of contract sections 9–11 as the contract writes them are read into the client's records, and
 * an allocation without them (an older engine) still reads, with them absent.
 */
class ContractFieldsTest {
    private final com.fasterxml.jackson.databind.ObjectMapper json = JsonCodec.mapper();

    @Test
    void limited_by_profile_over_limit_at_risk_budget_and_meters_are_read() throws Exception {
        var body = """
                {"site_id":"s","strategy":"equal","total_budget_kw":80,"total_allocated_kw":30,
                 "calculated_at":"2026-11-24T10:15:31.000Z",
                 "budget":{"config_kw":150,"grid_headroom_kw":92.5,"external_kw":80,"binding":"external:dso"},
                 "meters":[{"meter_id":"main","node":"grid","power_kw":120.3,"other_load_kw":57.5,"current_a":null,
                            "measured_at":"2026-11-24T10:15:30.000Z","stale":false}],
                 "allocations":[{"charge_point_id":"CP-1","allocated_kw":7.36,"max_power_kw":22,"status":"charging",
                   "session_id":"a","session_started_at":"2026-11-24T09:02:11.000Z","measured_kw":null,
                   "cap_reason":"charger","queued_since":null,"phases_in_use":3,"current_a":{"L1":10.66},
                   "limited_by":"limit:row-1:L2","over_limit":true,"at_risk":false,
                   "profile":{"state":"refused","limit_kw":11,"since":"2026-11-24T10:15:00.000Z"}}]}
                """;

        var allocation = json.readValue(body, Allocation.class);

        var charger = allocation.allocations().getFirst();
        assertThat(charger.limitedBy()).isEqualTo("limit:row-1:L2");
        assertThat(charger.overLimit()).isTrue();
        assertThat(charger.atRisk()).isFalse();
        assertThat(charger.profile()).isEqualTo(new ChargerAllocation.ProfileState("refused", 11.0,
                Instant.parse("2026-11-24T10:15:00Z")));
        assertThat(allocation.budget().external()).isTrue();
        assertThat(allocation.budget().externalKw()).isEqualTo(80.0);
        assertThat(allocation.meters()).singleElement().satisfies(m -> {
            assertThat(m.otherLoadKw()).isEqualTo(57.5);
            assertThat(m.stale()).isFalse();
        });
    }

    @Test
    void an_allocation_without_them_reads_with_them_absent() throws Exception {
        var body = """
                {"site_id":"s","strategy":"equal","total_budget_kw":80,"total_allocated_kw":0,
                 "calculated_at":"2026-11-24T10:15:31.000Z","allocations":[{"charge_point_id":"CP-1","allocated_kw":0,
                 "max_power_kw":22,"status":"queued"}]}
                """;

        var allocation = json.readValue(body, Allocation.class);

        var charger = allocation.allocations().getFirst();
        assertThat(charger.limitedBy()).isNull();
        assertThat(charger.profile()).isNull();
        assertThat(charger.overLimit()).isNull();
        assertThat(allocation.budget()).isNull();
        assertThat(allocation.meters()).isEmpty();
        assertThat(allocation.circuits()).isEmpty();
    }
}
