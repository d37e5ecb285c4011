package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.number;
import static dev.dynamo.contract.JsonReading.quote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A site's {@code circuits} (contract 7.1): a tree of breakers under the grid connection. */
final class CircuitsReader {
    static final List<String> FIELDS = List.of("circuit_id", "parent_id", "max_current_a");
    /** The name the allocation response gives the grid connection. */
    static final String GRID = "grid";

    private CircuitsReader() {}

    /**
     * The circuits without errors, and every id declared: a charger or circuit naming a declared circuit
     * that has another error is not blamed for it.
     */
    record Circuits(List<CircuitDefinition> valid, Set<String> declaredIds) {}

    static Circuits read(JsonFields site, String siteId, Problems problems) {
        var elements = site.array("circuits", false);
        if (elements == null) {
            return new Circuits(List.of(), Set.of());
        }
        var declaredIds = new HashSet<String>();
        for (var element : elements) {
            if (element.path("circuit_id").isTextual()) {
                declaredIds.add(element.path("circuit_id").textValue());
            }
        }
        var field = site.at("circuits");
        var circuits = new ArrayList<CircuitDefinition>();
        var indexById = new HashMap<String, Integer>();
        for (int i = 0; i < elements.size(); i++) {
            var circuit = readOne(problems.object(elements.get(i), Problems.at(field, i), FIELDS, List.of()), siteId, problems);
            if (circuit == null) {
                continue;
            }
            if (indexById.putIfAbsent(circuit.circuitId(), i) != null) {
                var idField = Problems.at(Problems.at(field, i), "circuit_id");
                problems.broken(idField, "duplicate circuit " + circuit.circuitId(),
                        "site " + siteId + " defines circuit " + circuit.circuitId() + " twice ("
                                + Problems.at(field, indexById.get(circuit.circuitId())) + " and " + Problems.at(field, i) + ")");
                continue;
            }
            circuits.add(circuit);
        }
        checkParents(field, circuits, indexById, declaredIds, siteId, problems);
        return new Circuits(circuits, declaredIds);
    }

    private static CircuitDefinition readOne(JsonFields fields, String siteId, Problems problems) {
        if (fields == null) {
            return null;
        }
        var id = fields.string("circuit_id", true);
        var parentId = fields.string("parent_id", false);
        var maxCurrentA = fields.number("max_current_a", true);
        boolean usable = id != null && Ids.check(id, fields.at("circuit_id"), problems);
        if (usable && id.equalsIgnoreCase(GRID)) {
            problems.broken(fields.at("circuit_id"), "\"grid\" is reserved for the grid connection",
                    fields.at("circuit_id") + " \"grid\" is reserved for the grid connection of site " + siteId
                            + "; give the circuit another name");
            usable = false;
        }
        if (maxCurrentA != null && maxCurrentA <= 0) {
            var circuit = usable ? id : "at " + fields.path();
            problems.broken(fields.at("max_current_a"), "must be greater than 0", fields.at("max_current_a")
                    + " must be greater than 0, not " + number(maxCurrentA) + " (circuit " + circuit + " of site " + siteId + ")");
            usable = false;
        }
        return usable && maxCurrentA != null ? new CircuitDefinition(id, parentId, maxCurrentA) : null;
    }

    private static void checkParents(String field, List<CircuitDefinition> circuits, Map<String, Integer> indexById,
                                     Set<String> declaredIds, String siteId, Problems problems) {
        var byId = circuits.stream().collect(Collectors.toMap(CircuitDefinition::circuitId, c -> c, (a, b) -> a, LinkedHashMap::new));
        var unknownParent = new HashSet<String>();
        for (var circuit : circuits) {
            var parentId = circuit.parentId();
            if (parentId != null && !declaredIds.contains(parentId)) {
                unknownParent.add(circuit.circuitId());
                var parentField = Problems.at(Problems.at(field, indexById.get(circuit.circuitId())), "parent_id");
                var hint = parentId.equalsIgnoreCase(GRID) ? "; use null to hang it under the grid connection" : "";
                problems.broken(parentField, "unknown circuit " + quote(parentId),
                        parentField + " " + quote(parentId) + " is not a circuit of site " + siteId + hint);
            }
        }
        var settled = new HashSet<String>(unknownParent);
        for (var circuit : circuits) {
            var path = new ArrayList<String>();
            var onPath = new HashSet<String>();
            for (var id = circuit.circuitId(); byId.containsKey(id) && !settled.contains(id); id = byId.get(id).parentId()) {
                if (!onPath.add(id)) {
                    reportCycle(field, path.subList(path.indexOf(id), path.size()), indexById, siteId, problems);
                    break;
                }
                path.add(id);
            }
            settled.addAll(path);
        }
    }

    private static void reportCycle(String field, List<String> cycle, Map<String, Integer> indexById, String siteId,
                                    Problems problems) {
        var first = cycle.stream().min((a, b) -> Integer.compare(indexById.get(a), indexById.get(b))).orElseThrow();
        var loop = new ArrayList<String>();
        int start = cycle.indexOf(first);
        for (int i = 0; i <= cycle.size(); i++) {
            loop.add(cycle.get((start + i) % cycle.size()));
        }
        var parentField = Problems.at(Problems.at(field, indexById.get(first)), "parent_id");
        var text = String.join(" → ", loop);
        problems.broken(parentField, "forms a cycle: " + text,
                "the circuits of site " + siteId + " form a cycle (" + text + "); every circuit must lead up to the grid connection");
    }
}
