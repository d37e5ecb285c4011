package dev.dynamo.console.live;

import dev.dynamo.console.client.Circuit;
import dev.dynamo.console.client.CircuitLoad;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays an allocation's circuit loads out as a tree: the grid first, then each circuit under its parent
 * (from the site definition), siblings by id. A load whose circuit the console's copy of the site does
 * not know (the site was replaced since connecting) is listed at the top level rather than dropped.
 */
final class CircuitTree {
    static final List<String> PHASES = List.of("L1", "L2", "L3");

    private CircuitTree() {}

    static List<CircuitRow> rows(List<Circuit> definitions, List<CircuitLoad> loads) {
        if (loads.isEmpty()) return List.of();
        var loadById = new HashMap<String, CircuitLoad>();
        loads.forEach(l -> loadById.put(l.circuitId(), l));
        var children = new HashMap<String, List<String>>();
        var known = new HashMap<String, Circuit>();
        definitions.forEach(c -> known.put(c.circuitId(), c));
        for (var load : loads) {
            if (load.circuitId().equals(CircuitLoad.GRID)) continue;
            var definition = known.get(load.circuitId());
            var parent = definition == null || definition.parentId() == null || !loadById.containsKey(definition.parentId())
                    ? null : definition.parentId();
            children.computeIfAbsent(parent, _ -> new ArrayList<>()).add(load.circuitId());
        }
        children.values().forEach(ids -> ids.sort(Comparator.naturalOrder()));
        var rows = new ArrayList<CircuitRow>();
        var grid = loadById.get(CircuitLoad.GRID);
        if (grid != null) rows.add(row(grid, 0));
        addChildren(null, grid == null ? 0 : 1, children, loadById, rows);
        return rows;
    }

    private static void addChildren(String parent, int depth, Map<String, List<String>> children,
                                    Map<String, CircuitLoad> loads, List<CircuitRow> rows) {
        for (var id : children.getOrDefault(parent, List.of())) {
            rows.add(row(loads.get(id), depth));
            addChildren(id, depth + 1, children, loads, rows);
        }
    }

    private static CircuitRow row(CircuitLoad load, int depth) {
        var phases = PHASES.stream().map(phase -> {
            var currentA = load.currentA().getOrDefault(phase, 0.0);
            return new CircuitRow.PhaseLoad(phase, currentA, load.maxCurrentA() <= 0 ? 0 : currentA / load.maxCurrentA());
        }).toList();
        return new CircuitRow(load.circuitId(), depth, load.maxCurrentA(), phases);
    }
}
