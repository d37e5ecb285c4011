package dev.dynamo.console.decisions;

import dev.dynamo.console.client.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** One decision with what changed from the decision before it (null for the first one known). */
public record DecisionRow(Decision decision, List<Change> changes, Double previousBudgetKw) {

    /** A charger's share before and after; null where it had no session. */
    public record Change(String chargePointId, Double beforeKw, Double afterKw) {
        String text() {
            if (beforeKw == null) return chargePointId + " new " + kw(afterKw);
            if (afterKw == null) return chargePointId + " gone";
            return chargePointId + " " + kw(beforeKw) + " → " + kw(afterKw);
        }
    }

    public Instant decidedAt() { return decision.decidedAt(); }

    public String trigger() { return decision.trigger(); }

    /** Whether the charger has a share in this decision or had one in the decision before (it left). */
    public boolean concerns(String chargePointId) {
        return decision.allocations().stream().anyMatch(a -> a.chargePointId().equals(chargePointId))
                || changes.stream().anyMatch(c -> c.chargePointId().equals(chargePointId));
    }

    /** "budget 150 → 100 kW; CP-001 11.0 → 7.4 kW; CP-004 new 7.4 kW", "no change", or for the oldest one loaded "first in range". */
    public String changesText() {
        if (previousBudgetKw == null) return "first in range";
        var parts = new ArrayList<String>();
        if (previousBudgetKw != null && Math.abs(previousBudgetKw - decision.totalBudgetKw()) >= 0.05) {
            parts.add("budget " + kw(previousBudgetKw) + " → " + kw(decision.totalBudgetKw()));
        }
        changes.forEach(c -> parts.add(c.text()));
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }

    /** Rows for decisions given newest first (as the endpoint answers); each compared with the one after it in the list. */
    public static List<DecisionRow> of(List<Decision> newestFirst) {
        var rows = new ArrayList<DecisionRow>(newestFirst.size());
        for (int i = 0; i < newestFirst.size(); i++) {
            var decision = newestFirst.get(i);
            var previous = i + 1 < newestFirst.size() ? newestFirst.get(i + 1) : null;
            rows.add(new DecisionRow(decision, previous == null ? List.of() : changes(previous, decision),
                    previous == null ? null : previous.totalBudgetKw()));
        }
        return rows;
    }

    /** Every charger's share in this decision, for the detail line. */
    public String sharesText() {
        return decision.allocations().stream()
                .map(a -> a.chargePointId() + " " + kw(a.allocatedKw()) + (a.status().equals("charging") ? "" : " " + a.status()))
                .collect(java.util.stream.Collectors.joining(" · "));
    }

    static List<Change> changes(Decision before, Decision after) {
        Map<String, Double> was = shares(before);
        Map<String, Double> is = shares(after);
        var ids = new TreeSet<>(was.keySet());
        ids.addAll(is.keySet());
        var changes = new ArrayList<Change>();
        for (var id : ids) {
            var a = was.get(id);
            var b = is.get(id);
            // below a tenth of a kW a change does not show at the precision shown
            if (a == null || b == null || Math.abs(a - b) >= 0.05) changes.add(new Change(id, a, b));
        }
        return changes;
    }

    private static Map<String, Double> shares(Decision decision) {
        var map = new LinkedHashMap<String, Double>();
        decision.allocations().forEach(a -> map.put(a.chargePointId(), a.allocatedKw()));
        return map;
    }

    static String kw(double value) { return String.format(Locale.ROOT, "%.1f kW", value); }
}
