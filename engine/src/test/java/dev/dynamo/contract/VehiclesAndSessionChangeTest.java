package dev.dynamo.contract;

import static dev.dynamo.contract.Requests.assertProblem;
import static dev.dynamo.contract.Requests.json;
import static dev.dynamo.contract.Requests.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Contract 10 in the one reader: a site's vehicles, a session's need and departure, and the PATCH body. */
class VehiclesAndSessionChangeTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    static String site(String vehicles) {
        return "{'timezone': 'Europe/Amsterdam', 'grid_connection_capacity_kw': 250, "
                + "'chargers': [{'charge_point_id': 'CP-001', 'max_power_kw': 22}], 'vehicles': " + vehicles + "}";
    }

    @Test
    void vehicles_are_read_written_back_and_found_by_id_tag() {
        var site = SiteDefinitionReader.read(json(site("[{'id_tag': 'BUS-12', 'energy_needed_kwh': 180, 'departure': '05:30'}]")),
                "depot");
        assertThat(site.vehicles()).containsExactly(new Vehicle("BUS-12", 180.0, LocalTime.of(5, 30)));
        assertThat(site.vehicle("BUS-12")).isPresent();
        assertThat(site.vehicle("BUS-13")).isEmpty();
        var written = SiteDocuments.definitionNode(site, false);
        assertThat(written.get("vehicles").toString())
                .isEqualTo("[{\"id_tag\":\"BUS-12\",\"energy_needed_kwh\":180,\"departure\":\"05:30\"}]");
        assertThat(SiteDocuments.definition(SiteDocuments.write(written)).vehicles()).isEqualTo(site.vehicles());
        assertThat(SiteDefinitionReader.read(json(site("[]")), "depot").vehicles()).isEmpty();
    }

    @Test
    void bad_vehicles_are_refused_naming_the_field() {
        assertProblem(problemOf(() -> SiteDefinitionReader.read(json(site(
                "[{'id_tag': 'A', 'departure': '5:30'}]")), "depot")), 422, "vehicles[0].departure", "HH:MM");
        assertProblem(problemOf(() -> SiteDefinitionReader.read(json(site(
                "[{'id_tag': 'A'}, {'id_tag': 'A'}]")), "depot")), 422, "vehicles[1].id_tag", "duplicate");
        assertProblem(problemOf(() -> SiteDefinitionReader.read(json(site(
                "[{'id_tag': 'A', 'energy_needed_kwh': 0}]")), "depot")), 422, "vehicles[0].energy_needed_kwh", "greater than 0");
        assertProblem(problemOf(() -> SiteDefinitionReader.read(json(site(
                "[{'id_tag': 'ABCDEFGHIJKLMNOPQRSTU'}]")), "depot")), 422, "vehicles[0].id_tag", "1 to 20");
        assertProblem(problemOf(() -> SiteDefinitionReader.read(json(site(
                "[{'energy_needed_kwh': 10}]")), "depot")), 422, "vehicles[0].id_tag", "required");
        assertProblem(problemOf(() -> SiteDefinitionReader.read(json(site(
                "[{'id_tag': 'A', 'soc': 1}]")), "depot")), 400, "vehicles[0].soc", "unknown");
    }

    @Test
    void a_departure_is_the_next_such_local_time_after_the_start() {
        var bus = new Vehicle("BUS-12", 180.0, LocalTime.of(5, 30));
        // 11:00 in Amsterdam: tomorrow 05:30 local (04:30Z)
        assertThat(bus.departureAfter(NOW, AMSTERDAM)).isEqualTo(Instant.parse("2026-11-25T04:30:00Z"));
        // 04:00 local: today's 05:30
        assertThat(bus.departureAfter(Instant.parse("2026-11-24T03:00:00Z"), AMSTERDAM))
                .isEqualTo(Instant.parse("2026-11-24T04:30:00Z"));
        // exactly at 05:30 local: the next day's
        assertThat(bus.departureAfter(Instant.parse("2026-11-24T04:30:00Z"), AMSTERDAM))
                .isEqualTo(Instant.parse("2026-11-25T04:30:00Z"));
        // 02:30 does not exist on 29 March 2026 in Amsterdam: the first instant after the gap
        var night = new Vehicle("N", null, LocalTime.of(2, 30));
        assertThat(night.departureAfter(Instant.parse("2026-03-28T23:00:00Z"), AMSTERDAM))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(new Vehicle("X", 10.0, null).departureAfter(NOW, AMSTERDAM)).isNull();
    }

    @Test
    void a_patch_changes_what_it_names_and_null_clears() {
        var session = new Session("s", "depot", "CP-001", NOW, null, 40.0, 3, null, Instant.parse("2026-11-24T18:00:00Z"));
        var onlyNeed = SessionChangeReader.read(json("{'energy_needed_kwh': 55}"), "CP-001", NOW);
        assertThat(onlyNeed.applyTo(session).energyNeededKwh()).isEqualTo(55);
        assertThat(onlyNeed.applyTo(session).departureAt()).isEqualTo(session.departureAt());
        var cleared = SessionChangeReader.read(json("{'energy_needed_kwh': null, 'departure_at': null}"), "CP-001", NOW);
        assertThat(cleared.applyTo(session).energyNeededKwh()).isNull();
        assertThat(cleared.applyTo(session).departureAt()).isNull();
        var empty = SessionChangeReader.read(json("{}"), "CP-001", NOW);
        assertThat(empty.applyTo(session)).isEqualTo(session);
        var later = SessionChangeReader.read(json("{'departure_at': '2026-11-24T20:00:00+01:00'}"), "CP-001", NOW);
        assertThat(later.applyTo(session).departureAt()).isEqualTo(Instant.parse("2026-11-24T19:00:00Z"));
    }

    @Test
    void a_bad_patch_is_a_400_or_a_422_naming_the_field() {
        assertProblem(problemOf(() -> SessionChangeReader.read(json("{'energy_needed_kwh': -1}"), "CP-001", NOW)),
                422, "energy_needed_kwh", "greater than 0");
        assertProblem(problemOf(() -> SessionChangeReader.read(json("{'departure_at': '2026-11-24T10:00:00Z'}"), "CP-001", NOW)),
                422, "departure_at", "future");
        assertProblem(problemOf(() -> SessionChangeReader.read(json("{'departure_at': '2026-11-24 18:00'}"), "CP-001", NOW)),
                400, "departure_at", "ISO 8601");
        assertProblem(problemOf(() -> SessionChangeReader.read(json("{'departure_at': 1800}"), "CP-001", NOW)),
                400, "departure_at", "string");
        assertThat(problemOf(() -> SessionChangeReader.read(json("[]"), "CP-001", NOW)).status()).isEqualTo(400);
    }
}
