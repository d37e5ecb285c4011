package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.contract.Strategy;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioReaderTest {
    private static final String BASE = Scenarios.text("/scenarios/two-chargers.dynamo-scenario.json");

    @ParameterizedTest
    @ValueSource(strings = {"office-car-park", "overnight-depot", "public-hub", "office-pv"})
    void shipped_scenarios_are_valid(String name) {
        var scenario = Scenarios.shipped(name);
        assertThat(scenario.site().chargers()).isNotEmpty();
        assertThat(Simulator.vehicles(scenario)).isNotEmpty();
    }

    @Test
    void reads_site_config_and_listed_vehicles() {
        var scenario = Scenarios.twoChargers();
        assertThat(scenario.start()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(scenario.end()).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(scenario.site().chargers()).extracting(c -> c.phases()).containsOnly(3);
        assertThat(scenario.config().strategy()).isEqualTo(Strategy.EQUAL);
        assertThat(scenario.vehicles()).extracting(VehicleSpec::vehicleId).containsExactly("A", "B", "C");
        assertThat(scenario.vehicles().get(2).anyCharger()).isTrue();
    }

    private static void rejects(String from, String to, String message) {
        assertThat(BASE).contains(from);
        assertThatThrownBy(() -> ScenarioReader.read(BASE.replace(from, to)))
                .isInstanceOf(ScenarioException.class).hasMessageContaining(message);
    }

    @Test
    void unknown_fields_are_named_by_their_path() {
        rejects("\"energy_needed_kwh\": 15", "\"energy_needed_kwh\": 15, \"colour\": \"red\"", "vehicles[0].colour: unknown field");
        rejects("\"duration_hours\": 4", "\"duration_hours\": 4, \"speed\": 2", "speed: unknown field");
    }

    @Test
    void broken_rules_name_the_field() {
        rejects("\"departure\": \"2026-11-23T10:00:00Z\"", "\"departure\": \"2026-11-23T08:30:00Z\"", "vehicles[1].departure: must be after arrival");
        rejects("\"charge_point_id\": \"CP-2\", \"battery_kwh\"", "\"charge_point_id\": \"CP-9\", \"battery_kwh\"", "vehicles[1].charge_point_id: unknown charger");
        rejects("\"energy_needed_kwh\": 20", "\"energy_needed_kwh\": 90", "vehicles[1].energy_needed_kwh: 90.0 kWh does not fit");
        rejects("\"max_power_kw\": 11, \"strategy\": \"equal\"", "\"max_power_kw\": 111, \"strategy\": \"equal\"", "config.max_power_kw: must not exceed 100 kW");
        rejects("\"strategy\": \"equal\"", "\"strategy\": \"fastest\"", "config.strategy: must be equal, priority or scheduled");
        rejects("\"strategy\": \"equal\"", "\"strategy\": \"priority\"", "config.priority_order: is required (non-empty) with strategy priority");
        rejects("\"start\": \"2026-11-23T08:00:00Z\"", "\"start\": \"2026-11-23 08:00\"", "start: must be an ISO 8601 date-time");
        rejects("\"timezone\": \"UTC\"", "\"timezone\": \"Mars/Olympus\"", "site.timezone: unknown time zone");
        rejects("\"max_acceptance_kw\": 11, \"charge_point_id\": \"CP-1\"", "\"max_acceptance_kw\": \"fast\", \"charge_point_id\": \"CP-1\"",
                "vehicles[0].max_acceptance_kw: must be a finite number");
    }

    @Test
    void overlapping_schedule_windows_are_rejected() {
        rejects("\"strategy\": \"equal\" }", """
                "strategy": "scheduled", "schedule": [
                  { "start": "22:00", "end": "06:00", "max_power_kw": 50 },
                  { "days": ["TUE"], "start": "05:00", "end": "07:00", "max_power_kw": 20 } ] }""",
                "config.schedule[1]: overlaps schedule[0]");
    }

    @Test
    void circuits_are_checked_like_the_sites_file() {
        rejects("\"grid_connection_capacity_kw\": 100,", """
                "grid_connection_capacity_kw": 100, "circuits": [
                  { "circuit_id": "a", "parent_id": "b", "max_current_a": 32 },
                  { "circuit_id": "b", "parent_id": "a", "max_current_a": 32 } ],""", "site.circuits[0].parent_id: forms a cycle");
        rejects("{ \"charge_point_id\": \"CP-1\", \"max_power_kw\": 22 }",
                "{ \"charge_point_id\": \"CP-1\", \"max_power_kw\": 22, \"circuit_id\": \"nowhere\" }", "site.chargers[0].circuit_id: unknown circuit");
    }

    @Test
    void a_vehicle_model_needs_24_rates_and_one_way_to_leave() {
        var model = """
                "vehicle_model": { "arrivals_per_hour": [1, 2], "dwell_min": 60, "energy_kwh": 10,
                  "ev_mix": [ { "name": "x", "weight": 1, "max_acceptance_kw": 11, "battery_kwh": 60 } ] },
                "vehicles": [""";
        rejects("\"vehicles\": [", model, "vehicle_model.arrivals_per_hour: must hold 24 rates");
        var both = model.replace("[1, 2]", "[" + "1, ".repeat(23) + "1]").replace("\"dwell_min\": 60", "\"dwell_min\": 60, \"departure_time\": \"06:00\"");
        rejects("\"vehicles\": [", both, "give exactly one of dwell_min and departure_time");
        var badType = model.replace("[1, 2]", "[" + "1, ".repeat(23) + "1]").replace("\"energy_kwh\": 10", "\"energy_kwh\": {\"type\": \"poisson\"}");
        rejects("\"vehicles\": [", badType, "vehicle_model.energy_kwh.type: must be fixed, uniform or normal");
    }

    @Test
    void not_json_is_a_clear_error() {
        assertThatThrownBy(() -> ScenarioReader.read("{ name: ")).isInstanceOf(ScenarioException.class).hasMessageStartingWith("not valid JSON");
    }
}
