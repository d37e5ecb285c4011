package dev.dynamo.console.live;

import dev.dynamo.console.client.Charger;
import dev.dynamo.console.client.Circuit;
import dev.dynamo.console.client.CircuitLoad;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/** The words of the Why panel: what stops a charger from getting more (contract 11) and its path of breakers. */
final class WhyText {
    private WhyText() {}

    /** {@code limited_by} in words; {@code null} (an engine that does not send it) says so. */
    static String limitedBy(String limitedBy, String capReason) {
        if (limitedBy == null) return "The engine does not say what limits it (no limited_by)";
        if (limitedBy.startsWith("limit:")) {
            var parts = limitedBy.split(":");
            if (parts.length == 3) {
                return CircuitLoad.GRID.equals(parts[1]) ? "The grid connection is full on " + parts[2]
                        : "Breaker " + parts[1] + " is full on " + parts[2];
            }
        }
        return switch (limitedBy) {
            case "cap" -> "It gets its cap: " + capReason(capReason);
            case "budget" -> "The site budget is spent";
            case "floor" -> "Queued: no floor fits in what is left";
            case "reservation" -> "Its own limit is held through a comm loss";
            default -> "Limited by " + limitedBy;
        };
    }

    /** {@code cap_reason} in words. */
    static String capReason(String capReason) {
        if (capReason == null) return "its rating";
        return switch (capReason) {
            case "charger" -> "the charger's rating";
            case "vehicle" -> "what the vehicle accepts";
            case "phases" -> "one phase of a 3-phase charger";
            case "measured" -> "what it draws (unused power goes to others)";
            default -> capReason;
        };
    }

    /** One breaker on the path, with what it carries on each phase. */
    record PathStep(String circuitId, double maxCurrentA, String loads, boolean full) {
        String text() {
            var name = CircuitLoad.GRID.equals(circuitId) ? "grid connection" : circuitId;
            return String.format(Locale.ROOT, "%s (%.0f A): %s%s", name, maxCurrentA, loads, full ? " — full" : "");
        }
    }

    /** The charger's breakers from its own circuit up to the grid connection, each with its load. */
    static List<PathStep> path(Charger charger, List<Circuit> circuits, List<CircuitLoad> loads) {
        var definitions = new HashMap<String, Circuit>();
        circuits.forEach(c -> definitions.put(c.circuitId(), c));
        var loadById = new HashMap<String, CircuitLoad>();
        loads.forEach(l -> loadById.put(l.circuitId(), l));
        var steps = new ArrayList<PathStep>();
        var seen = new java.util.HashSet<String>();
        for (var id = charger == null ? null : charger.circuitId(); id != null && seen.add(id);
                id = definitions.containsKey(id) ? definitions.get(id).parentId() : null) {
            var load = loadById.get(id);
            var rating = definitions.containsKey(id) ? definitions.get(id).maxCurrentA() : load == null ? 0 : load.maxCurrentA();
            steps.add(step(id, rating, load));
        }
        var grid = loadById.get(CircuitLoad.GRID);
        if (grid != null) steps.add(step(CircuitLoad.GRID, grid.maxCurrentA(), grid));
        return steps;
    }

    private static PathStep step(String id, double ratingA, CircuitLoad load) {
        if (load == null) return new PathStep(id, ratingA, "no load known", false);
        var text = new ArrayList<String>();
        var full = false;
        for (var phase : CircuitTree.PHASES) {
            var amps = load.currentA().getOrDefault(phase, 0.0);
            text.add(String.format(Locale.ROOT, "%s %.1f A", phase, amps));
            full |= ratingA > 0 && amps >= ratingA - 0.05;
        }
        return new PathStep(id, ratingA, String.join(" · ", text), full);
    }
}
