package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.quote;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;

/** A site's {@code vehicles} (contract 10): badges with an energy need and a local departure time. */
final class VehiclesReader {
    static final List<String> FIELDS = List.of("id_tag", "energy_needed_kwh", "departure");
    /** OCPP 1.6 idToken is CiString20. */
    static final int MAX_ID_TAG = 20;
    private static final Pattern HH_MM = Pattern.compile("([0-9]{2}):([0-9]{2})");

    private VehiclesReader() {}

    static List<Vehicle> read(JsonFields site, String siteId, Problems problems) {
        var elements = site.array("vehicles", false);
        if (elements == null) return List.of();
        var field = site.at("vehicles");
        var vehicles = new ArrayList<Vehicle>();
        var indexByTag = new HashMap<String, Integer>();
        for (int i = 0; i < elements.size(); i++) {
            var at = Problems.at(field, i);
            var fields = problems.object(elements.get(i), at, FIELDS, List.of());
            if (fields == null) continue;
            var idTag = fields.string("id_tag", true);
            var energy = fields.number("energy_needed_kwh", false);
            var departure = departure(fields, problems);
            if (idTag != null && (idTag.isEmpty() || idTag.length() > MAX_ID_TAG)) {
                problems.broken(fields.at("id_tag"), "must be 1 to " + MAX_ID_TAG + " characters",
                        fields.at("id_tag") + " " + quote(idTag) + " of site " + siteId + " must be 1 to " + MAX_ID_TAG
                                + " characters (an OCPP idTag)");
                continue;
            }
            if (energy != null && energy <= 0) {
                problems.broken(fields.at("energy_needed_kwh"), "must be greater than 0",
                        fields.at("energy_needed_kwh") + " of site " + siteId + " must be greater than 0, not "
                                + JsonReading.number(energy));
                continue;
            }
            if (idTag == null || (fields.has("departure") && departure == null)) continue;
            var first = indexByTag.putIfAbsent(idTag, i);
            if (first != null) {
                problems.broken(fields.at("id_tag"), "duplicate id_tag " + idTag,
                        "site " + siteId + " defines vehicle " + quote(idTag) + " twice (" + Problems.at(field, first)
                                + " and " + at + ")");
                continue;
            }
            vehicles.add(new Vehicle(idTag, energy, departure));
        }
        return vehicles;
    }

    private static LocalTime departure(JsonFields fields, Problems problems) {
        var text = fields.string("departure", false);
        if (text == null) return null;
        var match = HH_MM.matcher(text);
        if (match.matches()) {
            int hours = Integer.parseInt(match.group(1));
            int minutes = Integer.parseInt(match.group(2));
            if (hours <= 23 && minutes <= 59) return LocalTime.of(hours, minutes);
        }
        problems.broken(fields.at("departure"), "must be a time HH:MM from 00:00 to 23:59",
                fields.at("departure") + " " + quote(text) + " is not a time HH:MM from 00:00 to 23:59 (site local time)");
        return null;
    }
}
