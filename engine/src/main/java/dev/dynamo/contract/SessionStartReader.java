package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.number;

import java.util.List;

/** Reads the optional body of a session start (contract 3, 7.1); an empty body or {@code {}} takes the defaults. */
public final class SessionStartReader {
    static final List<String> FIELDS = List.of("ev_max_power_kw", "energy_needed_kwh", "phases_in_use");

    private SessionStartReader() {}

    public static SessionStart read(byte[] body, ChargerDefinition charger) {
        var tree = JsonReading.readTree(body);
        if (tree == null) {
            return new SessionStart(null, null, charger.phases());
        }
        if (!tree.isObject()) {
            throw ApiProblem.badRequest("the request body must be a JSON object, not " + JsonReading.typeName(tree), List.of());
        }
        var problems = new Problems();
        var fields = new JsonFields(tree, "", problems, FIELDS, List.of());
        var where = " (charger " + charger.chargePointId() + ")";
        var evMaxPowerKw = positive(fields, "ev_max_power_kw", where, problems);
        var energyNeededKwh = positive(fields, "energy_needed_kwh", where, problems);
        var phasesInUse = fields.integer("phases_in_use", false);
        if (phasesInUse != null && phasesInUse != 1 && phasesInUse != 3) {
            problems.broken("phases_in_use", "must be 1 or 3",
                    "phases_in_use must be 1 or 3, not " + JsonReading.show(fields.value("phases_in_use")) + where);
        } else if (phasesInUse != null && phasesInUse > charger.phases()) {
            problems.broken("phases_in_use", "must be 1: the charger has 1 phase",
                    "phases_in_use is 3, but charger " + charger.chargePointId() + " is a 1-phase charger");
        }
        problems.throwIfAny();
        return new SessionStart(evMaxPowerKw, energyNeededKwh,
                phasesInUse == null ? charger.phases() : phasesInUse.intValue());
    }

    private static Double positive(JsonFields fields, String name, String where, Problems problems) {
        var value = fields.number(name, false);
        if (value != null && value <= 0) {
            problems.broken(name, "must be greater than 0", name + " must be greater than 0, not " + number(value) + where);
        }
        return value;
    }
}
