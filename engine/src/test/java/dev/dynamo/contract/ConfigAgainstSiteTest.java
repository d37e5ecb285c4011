package dev.dynamo.contract;

import static dev.dynamo.contract.Requests.DEPOT_NORTH;
import static dev.dynamo.contract.Requests.assertProblem;
import static dev.dynamo.contract.Requests.charger;
import static dev.dynamo.contract.Requests.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigAgainstSiteTest {
    static final ChargingConfig STORED = new ChargingConfig(150, Strategy.PRIORITY, 4.2, List.of("CP-003", "CP-001"),
            List.of(new ScheduleWindow(Set.of(DayOfWeek.MONDAY), 0, 360, 200, Sharing.EQUAL)), null, false, Instant.EPOCH);

    static SiteDefinition site(double capacityKw, String... chargerIds) {
        var chargers = java.util.Arrays.stream(chargerIds).map(id -> charger(id, 22, 3)).toList();
        return new SiteDefinition("depot-north", "Depot North", DEPOT_NORTH.timezone(), capacityKw, null, List.of(), chargers);
    }

    @Test
    void a_site_that_still_fits_the_config_passes() {
        assertThatCode(() -> ConfigReader.validateAgainst(STORED, site(200, "CP-001", "CP-003", "CP-007")))
                .doesNotThrowAnyException();
    }

    @Test
    void a_capacity_below_the_config_max_power_is_422_on_the_capacity() {
        var problem = problemOf(() -> ConfigReader.validateAgainst(STORED, site(100, "CP-001", "CP-003")));

        assertProblem(problem, 422, "grid_connection_capacity_kw", "at least 150 kW");
        assertThat(problem.detail()).contains("100").contains("depot-north").contains("150");
    }

    @Test
    void a_capacity_below_a_window_power_is_422_naming_the_window() {
        var problem = problemOf(() -> ConfigReader.validateAgainst(STORED, site(180, "CP-001", "CP-003")));

        assertProblem(problem, 422, "grid_connection_capacity_kw", "schedule[0].max_power_kw");
    }

    @Test
    void dropping_a_charger_named_in_priority_order_is_422() {
        var problem = problemOf(() -> ConfigReader.validateAgainst(STORED, site(250, "CP-001")));

        assertProblem(problem, 422, "chargers", "CP-003");
        assertThat(problem.detail()).contains("CP-003").contains("priority_order");
    }
}
