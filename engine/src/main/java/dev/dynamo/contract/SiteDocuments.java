package dev.dynamo.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynamo.allocation.Phase;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The JSON documents the site layer stores (the contract's shapes, snake_case) and reads back. Stored
 * documents were valid when written, so reading them back checks nothing.
 */
public final class SiteDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SiteDocuments() {}

    public static ObjectNode definitionNode(SiteDefinition site, boolean withPasswords) {
        var node = MAPPER.createObjectNode();
        node.put("site_id", site.siteId());
        node.put("name", site.name());
        node.put("timezone", site.timezone().getId());
        node.put("grid_connection_capacity_kw", number(site.gridConnectionCapacityKw()));
        if (site.gridConnectionCurrentA() == null) node.putNull("grid_connection_current_a");
        else node.put("grid_connection_current_a", number(site.gridConnectionCurrentA()));
        var circuits = node.putArray("circuits");
        for (var c : site.circuits()) {
            circuits.addObject().put("circuit_id", c.circuitId()).put("parent_id", c.parentId())
                    .put("max_current_a", number(c.maxCurrentA()));
        }
        var chargers = node.putArray("chargers");
        for (var c : site.chargers()) {
            var charger = chargers.addObject();
            charger.put("charge_point_id", c.chargePointId());
            charger.put("max_power_kw", number(c.maxPowerKw()));
            charger.put("phases", c.phases());
            charger.put("voltage_v", number(c.voltageV()));
            charger.put("charging_rate_unit", c.chargingRateUnit().name());
            charger.put("circuit_id", c.circuitId());
            charger.put("phase", (c.phase() != null ? c.phase() : Phase.L1).name());
            if (withPasswords && c.ocppPassword() != null) charger.put("ocpp_password", c.ocppPassword());
        }
        var meters = node.putArray("meters");
        site.meters().forEach(m -> meters.add(meterNode(m)));
        return node;
    }

    /** A meter as given, its optional fields at their defaults (contract 9.1). */
    public static ObjectNode meterNode(MeterDefinition meter) {
        var node = MAPPER.createObjectNode();
        node.put("meter_id", meter.meterId());
        node.put("node", meter.node());
        node.put("source", meter.source().json());
        node.put("stale_after_s", meter.staleAfterS());
        node.put("fallback_load_kw", number(meter.fallbackLoadKw()));
        node.put("buffer_kw", number(meter.bufferKw()));
        var modbus = meter.modbus();
        if (modbus == null) {
            node.putNull("modbus");
            return node;
        }
        var settings = node.putObject("modbus");
        settings.put("host", modbus.host());
        settings.put("port", modbus.port());
        settings.put("unit_id", modbus.unitId());
        settings.put("poll_interval_ms", modbus.pollIntervalMs());
        if (modbus.sunspec()) {
            settings.put("map", MetersReader.SUNSPEC);
        } else {
            var map = settings.putObject("map");
            map.set("power_w", registerNode(modbus.registers().powerW()));
            if (modbus.registers().currentA().isEmpty()) {
                map.putNull("current_a");
            } else {
                var currents = map.putObject("current_a");
                for (var phase : Phase.values()) {
                    var register = modbus.registers().currentA().get(phase);
                    if (register != null) currents.set(phase.name(), registerNode(register));
                }
            }
        }
        return node;
    }

    private static ObjectNode registerNode(ModbusSettings.Register register) {
        var node = MAPPER.createObjectNode();
        node.put("address", register.address());
        node.put("function", register.function().name().toLowerCase(Locale.ROOT));
        node.put("type", register.type().name().toLowerCase(Locale.ROOT));
        node.put("word_order", register.wordOrder().name().toLowerCase(Locale.ROOT));
        node.put("scale", number(register.scale()));
        return node;
    }

    public static SiteDefinition definition(String json) {
        var node = read(json);
        var circuits = new ArrayList<CircuitDefinition>();
        node.path("circuits").forEach(c -> circuits.add(new CircuitDefinition(c.get("circuit_id").asText(),
                text(c, "parent_id"), c.get("max_current_a").asDouble())));
        var chargers = new ArrayList<ChargerDefinition>();
        node.path("chargers").forEach(c -> chargers.add(new ChargerDefinition(c.get("charge_point_id").asText(),
                c.get("max_power_kw").asDouble(), c.path("phases").asInt(3), c.path("voltage_v").asDouble(230),
                RateUnit.valueOf(c.path("charging_rate_unit").asText("W")), text(c, "ocpp_password"),
                text(c, "circuit_id"), Phase.valueOf(c.path("phase").asText("L1")))));
        var currentA = node.path("grid_connection_current_a");
        return new SiteDefinition(node.get("site_id").asText(), text(node, "name"),
                ZoneId.of(node.get("timezone").asText()), node.get("grid_connection_capacity_kw").asDouble(),
                currentA.isNumber() ? currentA.asDouble() : null, circuits, chargers, storedMeters(node, circuits));
    }

    /** Stored meters were valid when written: read back with the strict reader, which accepts them as they are. */
    private static List<MeterDefinition> storedMeters(JsonNode site, List<CircuitDefinition> circuits) {
        if (!site.path("meters").isArray()) return List.of();
        var wrapper = MAPPER.createObjectNode();
        wrapper.set("meters", site.get("meters"));
        var problems = new Problems();
        var ids = new java.util.HashSet<String>();
        circuits.forEach(c -> ids.add(c.circuitId()));
        var meters = MetersReader.read(problems.object(wrapper, "", List.of("meters"), List.of()),
                site.path("site_id").asText(), ids, problems);
        problems.throwIfAny();
        return meters;
    }

    /** An external limit as {@code GET …/limits} lists it (contract 9.3); also how it is stored. */
    public static ObjectNode limitNode(ExternalLimit limit) {
        var node = MAPPER.createObjectNode();
        node.put("source", limit.source());
        node.put("max_power_kw", number(limit.maxPowerKw()));
        node.put("valid_until", Times.format(limit.validUntil()));
        node.put("reason", limit.reason());
        node.put("updated_at", Times.format(limit.updatedAt()));
        return node;
    }

    public static ExternalLimit limit(String json) {
        var node = read(json);
        var validUntil = text(node, "valid_until");
        return new ExternalLimit(node.get("source").asText(), node.get("max_power_kw").asDouble(),
                validUntil == null ? null : Instant.parse(validUntil), text(node, "reason"),
                Instant.parse(node.get("updated_at").asText()));
    }

    /** The budget's parts (contract 9.4). */
    public static ObjectNode budgetNode(dev.dynamo.allocation.Budget budget) {
        var node = MAPPER.createObjectNode();
        node.put("config_kw", number(budget.configKw()));
        if (budget.gridHeadroomKw() == null) node.putNull("grid_headroom_kw");
        else node.put("grid_headroom_kw", number(budget.gridHeadroomKw()));
        if (budget.externalKw() == null) node.putNull("external_kw");
        else node.put("external_kw", number(budget.externalKw()));
        node.put("binding", budget.binding());
        return node;
    }

    public static ObjectNode configNode(ChargingConfig config) {
        var node = MAPPER.createObjectNode();
        node.put("max_power_kw", number(config.maxPowerKw()));
        node.put("strategy", config.strategy().json());
        node.put("min_power_per_charger_kw", number(config.minPowerPerChargerKw()));
        var order = node.putArray("priority_order");
        config.priorityOrder().forEach(order::add);
        var schedule = node.putArray("schedule");
        for (var w : config.schedule()) {
            var window = schedule.addObject();
            var days = window.putArray("days");
            w.days().stream().sorted(Comparator.naturalOrder())
                    .forEach(d -> days.add(d.name().substring(0, 3)));
            window.put("start", hhmm(w.startMinute()));
            window.put("end", hhmm(w.endMinute()));
            window.put("max_power_kw", number(w.maxPowerKw()));
            window.put("strategy", w.sharing().name().toLowerCase(Locale.ROOT));
        }
        if (config.rotationPeriodMin() == null) node.putNull("rotation_period_min");
        else node.put("rotation_period_min", config.rotationPeriodMin());
        node.put("redistribute_unused", config.redistributeUnused());
        return node;
    }

    public static ChargingConfig config(String json, Instant updatedAt) {
        var node = read(json);
        var order = new ArrayList<String>();
        node.path("priority_order").forEach(n -> order.add(n.asText()));
        var schedule = new ArrayList<ScheduleWindow>();
        node.path("schedule").forEach(w -> {
            var days = EnumSet.noneOf(DayOfWeek.class);
            w.path("days").forEach(d -> days.add(day(d.asText())));
            schedule.add(new ScheduleWindow(days, minutes(w.get("start").asText()), minutes(w.get("end").asText()),
                    w.get("max_power_kw").asDouble(),
                    Sharing.valueOf(w.path("strategy").asText("equal").toUpperCase(Locale.ROOT))));
        });
        var rotation = node.path("rotation_period_min");
        return new ChargingConfig(node.get("max_power_kw").asDouble(),
                Strategy.valueOf(node.get("strategy").asText().toUpperCase(Locale.ROOT)),
                node.path("min_power_per_charger_kw").asDouble(0), order, schedule,
                rotation.isNumber() ? rotation.asInt() : null, node.path("redistribute_unused").asBoolean(false),
                updatedAt);
    }

    public static ObjectNode sessionNode(Session session) {
        var node = MAPPER.createObjectNode();
        node.put("session_id", session.sessionId());
        node.put("site_id", session.siteId());
        node.put("charge_point_id", session.chargePointId());
        node.put("started_at", Times.format(session.startedAt()));
        node.put("ev_max_power_kw", session.evMaxPowerKw() == null ? null : number(session.evMaxPowerKw()));
        node.put("energy_needed_kwh", session.energyNeededKwh() == null ? null : number(session.energyNeededKwh()));
        node.put("phases_in_use", session.phasesInUse());
        node.put("transaction_id", session.transactionId());
        return node;
    }

    public static Session session(String json) {
        var node = read(json);
        return new Session(node.get("session_id").asText(), node.get("site_id").asText(),
                node.get("charge_point_id").asText(), Instant.parse(node.get("started_at").asText()),
                node.path("ev_max_power_kw").isNumber() ? node.get("ev_max_power_kw").asDouble() : null,
                node.path("energy_needed_kwh").isNumber() ? node.get("energy_needed_kwh").asDouble() : null,
                node.path("phases_in_use").asInt(3),
                node.path("transaction_id").isNumber() ? node.get("transaction_id").asInt() : null);
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON number without a trailing ".0" (22 rather than 22.0). */
    public static BigDecimal number(double value) {
        var decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String hhmm(int minuteOfDay) {
        return "%02d:%02d".formatted(minuteOfDay / 60, minuteOfDay % 60);
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    private static DayOfWeek day(String abbreviation) {
        for (var d : DayOfWeek.values()) if (d.name().startsWith(abbreviation)) return d;
        throw new IllegalArgumentException("not a day: " + abbreviation);
    }

}
