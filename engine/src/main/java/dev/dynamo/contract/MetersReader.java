package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.number;
import static dev.dynamo.contract.JsonReading.quote;

import dev.dynamo.allocation.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A site's {@code meters} (contract 9.1): one meter per node at most, modbus settings checked in full. */
final class MetersReader {
    static final List<String> FIELDS = List.of("meter_id", "node", "source", "stale_after_s", "fallback_load_kw",
            "buffer_kw", "modbus");
    static final List<String> MODBUS_FIELDS = List.of("host", "port", "unit_id", "poll_interval_ms", "map");
    static final List<String> MAP_FIELDS = List.of("power_w", "current_a");
    static final List<String> REGISTER_FIELDS = List.of("address", "function", "type", "word_order", "scale");
    static final int DEFAULT_STALE_AFTER_S = 60;
    static final int MAX_STALE_AFTER_S = 3600;
    static final int DEFAULT_PORT = 502;
    static final int DEFAULT_UNIT_ID = 1;
    static final int DEFAULT_POLL_INTERVAL_MS = 1000;
    static final int MIN_POLL_INTERVAL_MS = 100;
    static final int MAX_POLL_INTERVAL_MS = 3_600_000;
    static final String SUNSPEC = "sunspec";

    private MetersReader() {}

    /** The meters without errors; {@code circuitIds} are the nodes besides {@code grid}. */
    static List<MeterDefinition> read(JsonFields site, String siteId, Set<String> circuitIds, Problems problems) {
        var elements = site.array("meters", false);
        if (elements == null) {
            return List.of();
        }
        var field = site.at("meters");
        var meters = new ArrayList<MeterDefinition>();
        var indexById = new HashMap<String, Integer>();
        var indexByNode = new HashMap<String, Integer>();
        for (int i = 0; i < elements.size(); i++) {
            var at = Problems.at(field, i);
            var fields = problems.object(elements.get(i), at, FIELDS, List.of());
            var meter = fields == null ? null : readOne(fields, siteId, circuitIds, problems);
            if (meter == null) {
                continue;
            }
            var firstId = indexById.putIfAbsent(meter.meterId(), i);
            if (firstId != null) {
                problems.broken(Problems.at(at, "meter_id"), "duplicate meter " + meter.meterId(),
                        "site " + siteId + " defines meter " + meter.meterId() + " twice (" + Problems.at(field, firstId)
                                + " and " + at + ")");
                continue;
            }
            var firstNode = indexByNode.putIfAbsent(meter.node(), i);
            if (firstNode != null) {
                problems.broken(Problems.at(at, "node"), "node " + meter.node() + " already has a meter",
                        "node " + meter.node() + " of site " + siteId + " has two meters (" + Problems.at(field, firstNode)
                                + " and " + at + "); a node has at most one");
                continue;
            }
            meters.add(meter);
        }
        return meters;
    }

    private static MeterDefinition readOne(JsonFields fields, String siteId, Set<String> circuitIds, Problems problems) {
        var id = fields.string("meter_id", true);
        if (id != null && !Ids.check(id, fields.at("meter_id"), problems)) {
            id = null;
        }
        var where = " (meter " + (id == null ? "at " + fields.path() : id) + " of site " + siteId + ")";
        var node = fields.string("node", true);
        if (node != null && !node.equals(MeterDefinition.GRID) && !circuitIds.contains(node)) {
            var field = fields.at("node");
            problems.broken(field, "unknown node " + quote(node), field + " " + quote(node)
                    + " is neither grid nor a circuit of site " + siteId + where);
        }
        var source = source(fields, where, problems);
        var staleAfterS = fields.integer("stale_after_s", false);
        if (staleAfterS != null && (staleAfterS < 1 || staleAfterS > MAX_STALE_AFTER_S)) {
            var field = fields.at("stale_after_s");
            problems.broken(field, "must be between 1 and " + MAX_STALE_AFTER_S + " seconds",
                    field + " " + JsonReading.show(fields.value("stale_after_s")) + " is outside 1–" + MAX_STALE_AFTER_S
                            + " seconds" + where);
        }
        var fallbackKw = fields.number("fallback_load_kw", true);
        if (fallbackKw != null && fallbackKw < 0) {
            var field = fields.at("fallback_load_kw");
            problems.broken(field, "must be 0 or more", field + " must be 0 or more, not " + number(fallbackKw) + where);
        }
        var bufferKw = fields.number("buffer_kw", false);
        if (bufferKw != null && bufferKw < 0) {
            var field = fields.at("buffer_kw");
            problems.broken(field, "must be 0 or more", field + " must be 0 or more, not " + number(bufferKw) + where);
        }
        ModbusSettings modbus = null;
        if (source == MeterSource.MODBUS) {
            var value = fields.value("modbus");
            if (value == null) {
                problems.broken(fields.at("modbus"), "is required with source modbus",
                        fields.at("modbus") + " is required when source is modbus" + where);
            } else {
                var modbusFields = problems.object(value, fields.at("modbus"), MODBUS_FIELDS, List.of());
                modbus = modbusFields == null ? null : modbus(modbusFields, where, problems);
            }
        } else if (source == MeterSource.API && fields.has("modbus")) {
            problems.broken(fields.at("modbus"), "must be null with source api",
                    fields.at("modbus") + " is set, but the meter's source is api" + where);
        }
        if (problems.anyAt(fields.path()) || id == null || node == null || source == null || fallbackKw == null) {
            return null;
        }
        return new MeterDefinition(id, node, source, staleAfterS == null ? DEFAULT_STALE_AFTER_S : staleAfterS.intValue(),
                fallbackKw, bufferKw == null ? 0 : bufferKw, modbus);
    }

    private static MeterSource source(JsonFields fields, String where, Problems problems) {
        var text = fields.string("source", true);
        if (text == null) {
            return null;
        }
        for (var source : MeterSource.values()) {
            if (source.json().equals(text)) {
                return source;
            }
        }
        var field = fields.at("source");
        problems.broken(field, "must be api or modbus", field + " " + quote(text) + " must be api or modbus" + where);
        return null;
    }

    private static ModbusSettings modbus(JsonFields fields, String where, Problems problems) {
        var host = fields.string("host", true);
        if (host != null && (host.isBlank() || host.length() > 253 || host.codePoints().anyMatch(c -> c <= ' '))) {
            var field = fields.at("host");
            problems.broken(field, "must be a host name or address", field + " " + quote(host)
                    + " is not a host name or address" + where);
        }
        var port = bounded(fields, "port", 1, 65535, where, problems);
        var unitId = bounded(fields, "unit_id", 0, 255, where, problems);
        var pollMs = bounded(fields, "poll_interval_ms", MIN_POLL_INTERVAL_MS, MAX_POLL_INTERVAL_MS, where, problems);
        ModbusSettings.Registers registers = null;
        var map = fields.value("map");
        if (map == null) {
            problems.missing(fields.at("map"));
        } else if (map.isTextual()) {
            if (!map.textValue().equals(SUNSPEC)) {
                var field = fields.at("map");
                problems.broken(field, "must be \"sunspec\" or a register map", field + " " + quote(map.textValue())
                        + " is unknown; use \"sunspec\" or {\"power_w\": register, \"current_a\": {...}}" + where);
            }
        } else {
            var mapFields = problems.object(map, fields.at("map"), MAP_FIELDS, List.of());
            registers = mapFields == null ? null : registers(mapFields, where, problems);
        }
        if (problems.anyAt(fields.path()) || host == null) {
            return null;
        }
        return new ModbusSettings(host, port == null ? DEFAULT_PORT : port, unitId == null ? DEFAULT_UNIT_ID : unitId,
                pollMs == null ? DEFAULT_POLL_INTERVAL_MS : pollMs, registers);
    }

    private static ModbusSettings.Registers registers(JsonFields fields, String where, Problems problems) {
        var powerNode = fields.value("power_w");
        ModbusSettings.Register power = null;
        if (powerNode == null) {
            problems.missing(fields.at("power_w"));
        } else {
            power = register(powerNode, fields.at("power_w"), where, problems);
        }
        var currents = new EnumMap<Phase, ModbusSettings.Register>(Phase.class);
        var currentNode = fields.value("current_a");
        if (currentNode != null) {
            var phaseFields = problems.object(currentNode, fields.at("current_a"), List.of("L1", "L2", "L3"), List.of());
            if (phaseFields != null) {
                for (var phase : Phase.values()) {
                    var value = phaseFields.value(phase.name());
                    if (value != null) {
                        var register = register(value, phaseFields.at(phase.name()), where, problems);
                        if (register != null) currents.put(phase, register);
                    }
                }
            }
        }
        return power == null ? null : new ModbusSettings.Registers(power, currents);
    }

    private static ModbusSettings.Register register(com.fasterxml.jackson.databind.JsonNode node, String path, String where,
                                                    Problems problems) {
        var fields = problems.object(node, path, REGISTER_FIELDS, List.of());
        if (fields == null) {
            return null;
        }
        var address = bounded(fields, "address", 0, 65535, where, problems);
        if (!fields.has("address")) problems.missing(fields.at("address"));
        var function = choice(fields, "function", ModbusSettings.Function.values(), ModbusSettings.Function.HOLDING, where, problems);
        var type = choice(fields, "type", ModbusSettings.Type.values(), null, where, problems);
        if (!fields.has("type")) problems.missing(fields.at("type"));
        var order = choice(fields, "word_order", ModbusSettings.WordOrder.values(), ModbusSettings.WordOrder.BIG, where, problems);
        var scale = fields.number("scale", false);
        if (scale != null && scale == 0) {
            var field = fields.at("scale");
            problems.broken(field, "must not be 0", field + " must not be 0" + where);
        }
        if (problems.anyAt(path) || address == null || type == null) {
            return null;
        }
        return new ModbusSettings.Register(address, function, type, order, scale == null ? 1 : scale);
    }

    private static Integer bounded(JsonFields fields, String name, int min, int max, String where, Problems problems) {
        var value = fields.integer(name, false);
        if (value == null) {
            return null;
        }
        if (value < min || value > max) {
            var field = fields.at(name);
            problems.broken(field, "must be between " + min + " and " + max,
                    field + " " + JsonReading.show(fields.value(name)) + " is outside " + min + "–" + max + where);
            return null;
        }
        return value.intValue();
    }

    private static <E extends Enum<E>> E choice(JsonFields fields, String name, E[] values, E fallback, String where,
                                                Problems problems) {
        var text = fields.string(name, false);
        if (text == null) {
            return fallback;
        }
        for (var value : values) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        var field = fields.at(name);
        var allowed = java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        problems.broken(field, "must be one of " + String.join(", ", allowed),
                field + " " + quote(text) + " must be one of " + String.join(", ", allowed) + where);
        return null;
    }
}
