package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.number;
import static dev.dynamo.contract.JsonReading.quote;

import dev.dynamo.allocation.Phase;
import java.util.Set;
import java.util.List;

/** One entry of a site's {@code chargers} (contract 1, 3, 7.1). */
final class ChargerReader {
    static final List<String> FIELDS = List.of("charge_point_id", "max_power_kw", "phases", "voltage_v",
            "charging_rate_unit", "ocpp_password", "circuit_id", "phase");
    /** Present in the site responses: accepted and ignored so that a GET, edit, PUT round trip works. */
    static final List<String> RESPONSE_FIELDS = List.of("connected", "session");
    static final int DEFAULT_PHASES = 3;
    static final double DEFAULT_VOLTAGE_V = 230;
    static final int MIN_PASSWORD_LENGTH = 16;
    static final int MAX_PASSWORD_LENGTH = 40;

    private ChargerReader() {}

    /** The charger, or null when something in it is wrong (recorded in {@code problems}). */
    static ChargerDefinition read(JsonFields fields, String siteId, Set<String> circuitIds, Problems problems) {
        var id = fields.string("charge_point_id", true);
        if (id != null && !Ids.check(id, fields.at("charge_point_id"), problems)) {
            id = null;
        }
        var where = " (charger " + (id == null ? "at " + fields.path() : id) + " of site " + siteId + ")";

        var maxPowerKw = fields.number("max_power_kw", true);
        if (maxPowerKw != null && maxPowerKw <= 0) {
            var field = fields.at("max_power_kw");
            problems.broken(field, "must be greater than 0", field + " must be greater than 0, not " + number(maxPowerKw) + where);
        }
        var phases = fields.integer("phases", false);
        if (phases != null && phases != 1 && phases != 3) {
            var field = fields.at("phases");
            problems.broken(field, "must be 1 or 3", field + " must be 1 or 3, not " + JsonReading.show(fields.value("phases")) + where);
        }
        var voltageV = fields.number("voltage_v", false);
        if (voltageV != null && voltageV <= 0) {
            var field = fields.at("voltage_v");
            problems.broken(field, "must be greater than 0", field + " must be greater than 0, not " + number(voltageV) + where);
        }
        var rateUnit = rateUnit(fields, where, problems);
        var password = fields.string("ocpp_password", false);
        if (password != null && (password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH)) {
            // OCPP 1.6 security white paper, profile 1: 16 to 40 characters (contract 8.1)
            var field = fields.at("ocpp_password");
            problems.broken(field, "must be 16 to 40 characters", field + " has " + password.length()
                    + " characters; it must have 16 to 40 (omit it for a charger without password)" + where);
        }
        var circuitId = fields.string("circuit_id", false);
        if (circuitId != null && !circuitIds.contains(circuitId)) {
            var field = fields.at("circuit_id");
            problems.broken(field, "unknown circuit " + quote(circuitId), field + " " + quote(circuitId)
                    + " is not a circuit of site " + siteId + where + "; omit it to hang the charger under the grid connection");
        }
        var phase = phase(fields, where, problems);

        if (problems.anyAt(fields.path()) || id == null || maxPowerKw == null) {
            return null;
        }
        return new ChargerDefinition(id, maxPowerKw, phases == null ? DEFAULT_PHASES : phases.intValue(),
                voltageV == null ? DEFAULT_VOLTAGE_V : voltageV, rateUnit, password, circuitId, phase);
    }

    private static RateUnit rateUnit(JsonFields fields, String where, Problems problems) {
        var text = fields.string("charging_rate_unit", false);
        if (text == null) {
            return RateUnit.W;
        }
        return switch (text) {
            case "W" -> RateUnit.W;
            case "A" -> RateUnit.A;
            default -> {
                var field = fields.at("charging_rate_unit");
                problems.broken(field, "must be W or A", field + " " + quote(text) + " must be W or A" + where);
                yield RateUnit.W;
            }
        };
    }

    private static Phase phase(JsonFields fields, String where, Problems problems) {
        var text = fields.string("phase", false);
        if (text == null) {
            return Phase.L1;
        }
        return switch (text) {
            case "L1" -> Phase.L1;
            case "L2" -> Phase.L2;
            case "L3" -> Phase.L3;
            default -> {
                var field = fields.at("phase");
                problems.broken(field, "must be L1, L2 or L3", field + " " + quote(text) + " must be L1, L2 or L3" + where);
                yield Phase.L1;
            }
        };
    }
}
