package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.number;
import static dev.dynamo.contract.JsonReading.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleOverlap;
import dev.dynamo.schedule.ScheduleWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Reads the body of {@code PUT /api/v1/smart-charging/sites/{id}/config} (contract 2.1, 7.2, 7.3) into a
 * {@link ChargingConfig} for a site, or throws an {@link ApiProblem} (400 or 422) naming every field to blame.
 */
public final class ConfigReader {
    static final List<String> FIELDS = List.of("max_power_kw", "strategy", "min_power_per_charger_kw",
            "priority_order", "schedule", "rotation_period_min", "redistribute_unused");
    /** Present in the config responses: accepted so that a GET, edit, PUT round trip works. */
    static final List<String> RESPONSE_FIELDS = List.of("site_id", "updated_at");
    /** Far more than any real week needs; keeps the pairwise overlap check cheap. */
    static final int MAX_WINDOWS = 500;
    static final int MIN_ROTATION_MIN = 5;
    static final int MAX_ROTATION_MIN = 1440;

    private ConfigReader() {}

    public static ChargingConfig read(byte[] body, SiteDefinition site, Instant now) {
        return read(JsonReading.readObject(body), site, now);
    }

    /** A config given as a JSON object inside another document (a scenario); its errors name fields from the config. */
    public static ChargingConfig read(JsonNode node, SiteDefinition site, Instant now) {
        var problems = new Problems();
        var fields = problems.object(node, "", FIELDS, RESPONSE_FIELDS);
        if (fields == null) {
            throw problems.toProblem();
        }
        checkResponseFields(fields, site, problems);

        var maxPowerKw = fields.number("max_power_kw", true);
        var strategy = strategy(fields, problems);
        var minPowerKw = fields.number("min_power_per_charger_kw", false);
        var priorityOrder = priorityOrder(fields, site, problems);
        var schedule = schedule(fields, site, problems);
        var rotationMin = fields.integer("rotation_period_min", false);
        var redistributeUnused = fields.bool("redistribute_unused", false);

        if (maxPowerKw != null) {
            checkMaxPower(maxPowerKw, site, problems);
        }
        if (minPowerKw != null) {
            checkMinPower(minPowerKw, maxPowerKw, site, problems);
        }
        checkStrategyNeeds(strategy, priorityOrder, schedule, problems);
        if (rotationMin != null) {
            checkRotation(rotationMin, JsonReading.show(fields.value("rotation_period_min")), strategy, problems);
        }
        problems.throwIfAny();
        return new ChargingConfig(maxPowerKw, strategy, minPowerKw == null ? 0 : minPowerKw, priorityOrder, schedule,
                rotationMin == null ? null : rotationMin.intValue(), Boolean.TRUE.equals(redistributeUnused), now);
    }

    /**
     * Checks that a stored config still fits a site about to replace its definition ({@code PUT
     * /api/v1/sites/{id}}, a sites file); throws a 422 naming the site's fields that would break it.
     */
    public static void validateAgainst(ChargingConfig stored, SiteDefinition newSite) {
        var problems = new Problems();
        var capacity = newSite.gridConnectionCapacityKw();
        var field = "grid_connection_capacity_kw";
        if (stored.maxPowerKw() > capacity) {
            problems.broken(field, "must be at least " + number(stored.maxPowerKw()) + " kW (max_power_kw of the site's config)",
                    field + " " + number(capacity) + " of site " + newSite.siteId() + " is below the max_power_kw "
                            + number(stored.maxPowerKw()) + " kW of its smart charging config; lower the config first");
        }
        for (int i = 0; i < stored.schedule().size(); i++) {
            var window = stored.schedule().get(i);
            if (window.maxPowerKw() > capacity) {
                problems.broken(field, "must be at least " + number(window.maxPowerKw()) + " kW (schedule[" + i
                                + "].max_power_kw of the site's config)",
                        field + " " + number(capacity) + " of site " + newSite.siteId() + " is below the max_power_kw "
                                + number(window.maxPowerKw()) + " kW of schedule[" + i + "] ("
                                + ScheduleWindowReader.describe(window) + ") of its smart charging config; lower the config first");
            }
        }
        var chargerIds = newSite.chargers().stream().map(ChargerDefinition::chargePointId).toList();
        for (int i = 0; i < stored.priorityOrder().size(); i++) {
            var id = stored.priorityOrder().get(i);
            if (!chargerIds.contains(id)) {
                problems.broken("chargers", "must keep charger " + id + " (priority_order[" + i + "] of the site's config)",
                        "site " + newSite.siteId() + " would no longer have charger " + id
                                + ", which its smart charging config names in priority_order; change the config first");
            }
        }
        problems.throwIfAny();
    }

    private static void checkResponseFields(JsonFields fields, SiteDefinition site, Problems problems) {
        var siteId = fields.string("site_id", false);
        if (siteId != null && !siteId.equals(site.siteId())) {
            problems.broken("site_id", "must be " + site.siteId() + " (the site in the path) or omitted",
                    "site_id " + quote(siteId) + " in the body does not match site " + site.siteId() + " of the path");
        }
        fields.string("updated_at", false); // set by the engine: the given value is ignored
    }

    private static Strategy strategy(JsonFields fields, Problems problems) {
        var text = fields.string("strategy", true);
        if (text == null) {
            return null;
        }
        for (var strategy : Strategy.values()) {
            if (strategy.json().equals(text)) {
                return strategy;
            }
        }
        problems.malformed("strategy", "must be equal, priority or scheduled",
                "strategy " + quote(text) + " is unknown; use equal, priority or scheduled");
        return null;
    }

    private static List<String> priorityOrder(JsonFields fields, SiteDefinition site, Problems problems) {
        var elements = fields.array("priority_order", false);
        if (elements == null) {
            return List.of();
        }
        var chargerIds = site.chargers().stream().map(ChargerDefinition::chargePointId).toList();
        var order = new ArrayList<String>();
        var seen = new HashSet<String>();
        for (int i = 0; i < elements.size(); i++) {
            var field = Problems.at("priority_order", i);
            var id = problems.string(elements.get(i), field);
            if (id == null) {
                continue;
            }
            if (!chargerIds.contains(id)) {
                problems.broken(field, "unknown charger " + quote(id),
                        field + " " + quote(id) + " is not a charger of site " + site.siteId()
                                + " (its chargers: " + String.join(", ", chargerIds) + ")");
            } else if (!seen.add(id)) {
                problems.broken(field, "duplicate charger " + id, "priority_order names charger " + id + " twice");
            }
            order.add(id);
        }
        return order;
    }

    private static List<ScheduleWindow> schedule(JsonFields fields, SiteDefinition site, Problems problems) {
        var elements = fields.array("schedule", false);
        if (elements == null) {
            return List.of();
        }
        if (elements.size() > MAX_WINDOWS) {
            problems.broken("schedule", "must have at most " + MAX_WINDOWS + " windows",
                    "schedule has " + elements.size() + " windows; at most " + MAX_WINDOWS + " are allowed");
            return List.of();
        }
        var windows = new ArrayList<ScheduleWindow>();
        for (int i = 0; i < elements.size(); i++) {
            windows.add(ScheduleWindowReader.read(elements.get(i), Problems.at("schedule", i), site, problems));
        }
        if (windows.contains(null)) {
            return windows.stream().filter(w -> w != null).toList();
        }
        ScheduleOverlap.firstOverlap(windows).ifPresent(pair -> {
            var field = Problems.at("schedule", pair[1]);
            var other = Problems.at("schedule", pair[0]);
            problems.broken(field, "overlaps " + other,
                    field + " (" + ScheduleWindowReader.describe(windows.get(pair[1])) + ") overlaps " + other + " ("
                            + ScheduleWindowReader.describe(windows.get(pair[0]))
                            + "): two windows must never be in force at the same moment of the week");
        });
        return windows;
    }

    private static void checkMaxPower(double maxPowerKw, SiteDefinition site, Problems problems) {
        var capacity = site.gridConnectionCapacityKw();
        if (maxPowerKw <= 0) {
            problems.broken("max_power_kw", "must be greater than 0", "max_power_kw must be greater than 0, not " + number(maxPowerKw));
        } else if (maxPowerKw > capacity) {
            problems.broken("max_power_kw", "must not exceed " + number(capacity) + " kW (grid connection capacity)",
                    "max_power_kw " + number(maxPowerKw) + " exceeds the grid connection capacity of site "
                            + site.siteId() + " (" + number(capacity) + " kW)");
        }
    }

    private static void checkMinPower(double minPowerKw, Double maxPowerKw, SiteDefinition site, Problems problems) {
        var field = "min_power_per_charger_kw";
        if (minPowerKw < 0) {
            problems.broken(field, "must be 0 or more", field + " must be 0 or more, not " + number(minPowerKw));
        } else if (maxPowerKw != null && minPowerKw > maxPowerKw) {
            problems.broken(field, "must not exceed max_power_kw (" + number(maxPowerKw) + " kW)",
                    field + " " + number(minPowerKw) + " exceeds max_power_kw " + number(maxPowerKw)
                            + " of site " + site.siteId());
        }
    }

    private static void checkStrategyNeeds(Strategy strategy, List<String> priorityOrder, List<ScheduleWindow> schedule,
                                           Problems problems) {
        if (strategy == Strategy.PRIORITY && priorityOrder.isEmpty() && !problems.anyAt("priority_order")) {
            problems.broken("priority_order", "is required (non-empty) with strategy priority",
                    "priority_order must list the chargers in priority order when strategy is priority");
        }
        if (strategy == Strategy.SCHEDULED && schedule.isEmpty() && !problems.anyAt("schedule")) {
            problems.broken("schedule", "is required (non-empty) with strategy scheduled",
                    "schedule must hold at least one window when strategy is scheduled");
        }
        for (int i = 0; i < schedule.size(); i++) {
            if (schedule.get(i).sharing() == Sharing.PRIORITY && priorityOrder.isEmpty() && !problems.anyAt("priority_order")) {
                problems.broken("priority_order", "is required (non-empty) when a schedule window uses strategy priority",
                        "priority_order must list the chargers in priority order: a schedule window uses strategy priority");
                return;
            }
        }
    }

    private static void checkRotation(long rotationMin, String shown, Strategy strategy, Problems problems) {
        var field = "rotation_period_min";
        if (rotationMin < MIN_ROTATION_MIN || rotationMin > MAX_ROTATION_MIN) {
            problems.broken(field, "must be between " + MIN_ROTATION_MIN + " and " + MAX_ROTATION_MIN + " minutes",
                    field + " " + shown + " is outside " + MIN_ROTATION_MIN + "–" + MAX_ROTATION_MIN + " minutes");
        } else if (strategy == Strategy.PRIORITY) {
            problems.broken(field, "must be null with strategy priority",
                    field + " is set, but rotation does not apply to strategy priority; remove it or set it to null");
        }
    }

}
