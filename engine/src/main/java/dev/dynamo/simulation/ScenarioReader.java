package dev.dynamo.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dynamo.contract.ApiProblem;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.ConfigReader;
import dev.dynamo.contract.JsonReading;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.SiteDefinitionReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashSet;

/** Reads a scenario file strictly: unknown fields, wrong types and broken rules are errors naming the field. */
public final class ScenarioReader {
    static final double DEFAULT_BATTERY_KWH = 60;
    static final double DEFAULT_ARRIVAL_SOC = 0.2;

    private ScenarioReader() {}

    public static Scenario read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new ScenarioException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Scenario read(String json) {
        try {
            return scenario(new JsonFields(JsonReading.STRICT.readTree(json), ""));
        } catch (JsonProcessingException e) {
            throw new ScenarioException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Scenario scenario(JsonFields json) {
        var name = json.string("name");
        var description = json.optionalString("description");
        var start = instant(json, "start");
        var hours = json.positive("duration_hours");
        if (hours > 31 * 24) throw json.error("duration_hours", "must be at most 744 (31 days)");
        var seed = json.raw("seed");
        if (seed != null && !seed.canConvertToLong()) throw json.error("seed", "must be an integer");
        var site = site(json);
        var config = config(json, site, start);
        var changes = json.list("config_changes", e -> {
            var change = e.fields();
            var at = instant(change, "at");
            var changed = config(change, site, at);
            change.done();
            return new Scenario.ConfigChange(at, changed);
        });
        var end = start.plus(Duration.ofMillis(Math.round(hours * 3_600_000)));
        for (int i = 0; i < changes.size(); i++) {
            var at = changes.get(i).at();
            if (at.isBefore(start) || !at.isBefore(end)) throw json.error("config_changes[" + i + "].at", "must be inside the run");
            if (i > 0 && at.isBefore(changes.get(i - 1).at())) throw json.error("config_changes[" + i + "].at", "must not be before the previous change");
        }
        var vehicles = json.list("vehicles", e -> vehicle(e.fields(), site, e.path()));
        var ids = new HashSet<String>();
        for (int i = 0; i < vehicles.size(); i++)
            if (!ids.add(vehicles.get(i).vehicleId())) throw json.error("vehicles[" + i + "].id", "duplicate id " + vehicles.get(i).vehicleId());
        var model = json.has("vehicle_model") ? model(json.object("vehicle_model")) : null;
        var meterIds = new HashSet<String>();
        var buildingLoads = json.list("building_loads", e -> {
            var load = buildingLoad(e.fields(), site);
            if (!meterIds.add(load.meterId())) throw new ScenarioException(e.path() + ".meter_id: a second load for meter " + load.meterId());
            return load;
        });
        json.done();
        if (vehicles.isEmpty() && model == null) throw json.error("vehicles", "give vehicles, a vehicle_model, or both");
        return new Scenario(name, description == null ? "" : description, site, config, changes, start,
                Duration.between(start, end), seed == null ? 1 : seed.longValue(), vehicles, model, buildingLoads);
    }

    /** A metered node's building load and PV (contract 9 in simulation): {@code meter_id} names a meter of the site. */
    private static BuildingLoad buildingLoad(JsonFields json, SiteDefinition site) {
        var meterId = json.string("meter_id");
        if (site.meter(meterId).isEmpty()) throw json.error("meter_id", "not a meter of the site: " + meterId);
        var hours = json.list("load_kw_by_hour", e -> {
            var kw = e.number();
            if (kw < 0) throw new ScenarioException(e.path() + ": must be >= 0");
            return kw;
        });
        if (hours.size() != 24) throw json.error("load_kw_by_hour", "must hold 24 values, one per local hour");
        var pv = json.optionalNumber("pv_peak_kw");
        if (pv != null && pv < 0) throw json.error("pv_peak_kw", "must be >= 0");
        var interval = json.optionalInt("reading_interval_s");
        if (interval != null && (interval < 1 || interval > 3600)) throw json.error("reading_interval_s", "must be 1..3600");
        json.done();
        return new BuildingLoad(meterId, hours, pv == null ? 0 : pv, interval == null ? 60 : interval);
    }

    /** The site, read by the contract's own reader (as the sites file and {@code PUT /api/v1/sites/{id}}). */
    private static SiteDefinition site(JsonFields json) {
        var node = json.raw("site");
        if (node == null) throw json.error("site", "is required");
        SiteDefinition site;
        try {
            site = SiteDefinitionReader.read(node);
        } catch (ApiProblem problem) {
            throw inScenario(json.at("site"), problem);
        }
        if (site.chargers().isEmpty()) throw json.error("site.chargers", "must hold at least one charger");
        return site;
    }

    /** A config, read by the contract's own reader (as the body of {@code PUT …/config}). */
    private static ChargingConfig config(JsonFields json, SiteDefinition site, Instant updatedAt) {
        var node = json.raw("config");
        if (node == null) throw json.error("config", "is required");
        try {
            return ConfigReader.read(node, site, updatedAt);
        } catch (ApiProblem problem) {
            throw inScenario(json.at("config"), problem);
        }
    }

    /** The contract reader's first field error, its path prefixed with where the object sits in the scenario. */
    private static ScenarioException inScenario(String path, ApiProblem problem) {
        if (problem.errors().isEmpty()) return new ScenarioException(path + ": " + problem.detail());
        var error = problem.errors().getFirst();
        var field = error.field().isEmpty() ? path : path + (error.field().startsWith("[") ? "" : ".") + error.field();
        return new ScenarioException(field + ": " + error.message());
    }

    static Instant instant(JsonFields json, String field) {
        try {
            return OffsetDateTime.parse(json.string(field)).toInstant();
        } catch (DateTimeException e) {
            throw json.error(field, "must be an ISO 8601 date-time with offset, like 2026-11-24T08:00:00+01:00");
        }
    }

    private static VehicleSpec vehicle(JsonFields json, SiteDefinition site, String path) {
        var id = json.optionalString("id");
        var arrival = instant(json, "arrival");
        var departure = instant(json, "departure");
        if (!departure.isAfter(arrival)) throw json.error("departure", "must be after arrival");
        var energyKwh = json.positive("energy_needed_kwh");
        var acceptanceKw = json.positive("max_acceptance_kw");
        var named = json.optionalString("charge_point_id");
        var charger = "any".equals(named) ? null : named;
        var definition = charger == null ? null
                : site.chargers().stream().filter(c -> c.chargePointId().equals(charger)).findFirst()
                .orElseThrow(() -> json.error("charge_point_id", "unknown charger (or \"any\" for any free one)"));
        var batteryKwh = json.optionalNumber("battery_kwh");
        if (batteryKwh != null && batteryKwh <= 0) throw json.error("battery_kwh", "must be > 0");
        var soc = json.optionalNumber("arrival_soc");
        if (soc != null && (soc < 0 || soc >= 1)) throw json.error("arrival_soc", "must be in [0, 1)");
        var phases = json.optionalInt("phases_in_use");
        if (phases != null && phases != 1 && phases != 3) throw json.error("phases_in_use", "must be 1 or 3");
        if (phases != null && phases == 3 && definition != null && definition.phases() == 1)
            throw json.error("phases_in_use", "3 on the 1-phase charger " + charger);
        json.done();
        var battery = batteryKwh == null ? DEFAULT_BATTERY_KWH : batteryKwh;
        var arrivalSoc = soc == null ? DEFAULT_ARRIVAL_SOC : soc;
        if (energyKwh > battery * (1 - arrivalSoc) + 1e-9)
            throw json.error("energy_needed_kwh", "%s kWh does not fit in battery_kwh %s from arrival_soc %s"
                    .formatted(energyKwh, battery, arrivalSoc));
        var vehicleId = id != null ? id : path.replace("vehicles[", "EV-").replace("]", "");
        return new VehicleSpec(vehicleId, arrival, departure, energyKwh, acceptanceKw, charger, battery, arrivalSoc, phases);
    }

    private static VehicleModel model(JsonFields json) {
        var rates = json.list("arrivals_per_hour", e -> {
            var rate = e.number();
            if (rate < 0) throw new ScenarioException(e.path() + ": must be >= 0");
            return rate;
        });
        if (rates.size() != 24) throw json.error("arrivals_per_hour", "must hold 24 rates, one per hour of the day");
        var dwell = json.has("dwell_min") ? distribution(json, "dwell_min", 1, 31 * 1440) : null;
        LocalTime departureTime = null;
        if (json.has("departure_time")) {
            try {
                departureTime = LocalTime.parse(json.string("departure_time"));
            } catch (DateTimeException e) {
                throw json.error("departure_time", "must be HH:MM");
            }
        }
        if ((dwell == null) == (departureTime == null)) throw json.error("dwell_min", "give exactly one of dwell_min and departure_time");
        var energy = distribution(json, "energy_kwh", 0.001, 10_000);
        var soc = json.has("arrival_soc") ? distribution(json, "arrival_soc", 0, 0.99) : new Distribution.Uniform(0.1, 0.5);
        var mix = json.list("ev_mix", e -> evType(e.fields()));
        json.done();
        if (mix.isEmpty()) throw json.error("ev_mix", "must hold at least one vehicle type");
        return new VehicleModel(rates, dwell, departureTime, energy, soc, mix);
    }

    private static VehicleModel.EvType evType(JsonFields json) {
        var name = json.string("name");
        var weight = json.positive("weight");
        var acceptanceKw = json.positive("max_acceptance_kw");
        var batteryKwh = json.positive("battery_kwh");
        var phases = json.optionalInt("phases_in_use");
        if (phases != null && phases != 1 && phases != 3) throw json.error("phases_in_use", "must be 1 or 3");
        json.done();
        return new VehicleModel.EvType(name, weight, acceptanceKw, batteryKwh, phases);
    }

    /** A number is a fixed value; otherwise {"type": "fixed"|"uniform"|"normal", ...}; draws stay in [lowest, highest]. */
    private static Distribution distribution(JsonFields parent, String field, double lowest, double highest) {
        var raw = parent.raw(field);
        if (raw != null && raw.isNumber()) return new Distribution.Fixed(inRange(parent, field, raw.doubleValue(), lowest, highest));
        var json = parent.object(field);
        var type = json.string("type");
        Distribution result = switch (type) {
            case "fixed" -> new Distribution.Fixed(inRange(json, "value", json.number("value"), lowest, highest));
            case "uniform" -> new Distribution.Uniform(inRange(json, "min", json.number("min"), lowest, highest),
                    inRange(json, "max", json.number("max"), lowest, highest));
            case "normal" -> {
                var mean = inRange(json, "mean", json.number("mean"), lowest, highest);
                var sd = json.number("sd");
                if (sd < 0) throw json.error("sd", "must be >= 0");
                var min = json.optionalNumber("min");
                var max = json.optionalNumber("max");
                yield new Distribution.Normal(mean, sd, inRange(json, "min", min == null ? lowest : min, lowest, highest),
                        inRange(json, "max", max == null ? highest : max, lowest, highest));
            }
            default -> throw json.error("type", "must be fixed, uniform or normal");
        };
        json.done();
        if (result instanceof Distribution.Uniform(var min, var max) && min > max) throw json.error("max", "must be >= min");
        if (result instanceof Distribution.Normal(var m, var s, var min, var max) && min > max) throw json.error("max", "must be >= min");
        return result;
    }

    private static double inRange(JsonFields json, String field, double value, double lowest, double highest) {
        if (value < lowest || value > highest) throw json.error(field, "must be between " + lowest + " and " + highest);
        return value;
    }
}
