package dev.dynamo.api;

import static dev.dynamo.contract.SiteDocuments.number;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynamo.allocation.Phase;
import dev.dynamo.history.HistoryReport;
import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.site.ChargerAllocation;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.site.CircuitLoad;
import dev.dynamo.contract.Session;
import dev.dynamo.contract.SiteDocuments;
import dev.dynamo.site.SiteView;
import dev.dynamo.site.MeterStatus;
import dev.dynamo.contract.ExternalLimit;
import dev.dynamo.contract.Times;
import dev.dynamo.store.DecisionRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The contract's response bodies (snake_case, UTC times with milliseconds, numbers without ".0"). */
final class ResponseJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResponseJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode site(SiteView site, java.time.Instant now) {
        var node = SiteDocuments.definitionNode(site.definition(), false);
        for (var charger : node.withArray("chargers")) {
            var cp = charger.get("charge_point_id").asText();
            var object = (ObjectNode) charger;
            object.put("connected", site.connected().contains(cp));
            var session = site.sessions().get(cp);
            if (session == null) object.putNull("session");
            else object.set("session", session(session, site, now));
        }
        return node;
    }

    /** A session with its {@code energy_delivered_kwh} as of {@code now} (contract 10). */
    static ObjectNode session(Session session, SiteView site, java.time.Instant now) {
        var node = SiteDocuments.sessionNode(session);
        node.put("energy_delivered_kwh", number(Math.round(site.deliveredKwh(session.chargePointId(), now) * 1000) / 1000.0));
        return node;
    }

    static ObjectNode config(String siteId, ChargingConfig config) {
        var node = object();
        node.put("site_id", siteId);
        node.setAll(SiteDocuments.configNode(config));
        node.put("updated_at", Times.format(config.updatedAt()));
        return node;
    }

    static ObjectNode allocation(AllocationSnapshot snapshot) {
        return allocation(snapshot, List.of());
    }

    static ObjectNode allocation(AllocationSnapshot snapshot, List<MeterStatus> meters) {
        var node = object();
        node.put("site_id", snapshot.siteId());
        node.put("strategy", snapshot.strategy().json());
        node.put("total_budget_kw", number(snapshot.totalBudgetKw()));
        node.put("total_allocated_kw", number(snapshot.totalAllocatedKw()));
        node.put("calculated_at", Times.format(snapshot.calculatedAt()));
        allocations(node, snapshot.allocations());
        var circuits = node.putArray("circuits");
        for (var circuit : snapshot.circuits()) circuits.add(circuit(circuit));
        node.set("budget", SiteDocuments.budgetNode(snapshot.budget()));
        var meterArray = node.putArray("meters");
        for (var meter : meters) meterArray.add(meter(meter));
        return node;
    }

    /** A meter as 9.4 shows it: the last reading's own values and the other load it gives now. */
    static ObjectNode meter(MeterStatus meter) {
        var node = object();
        node.put("meter_id", meter.meterId());
        node.put("node", meter.node());
        node.put("power_kw", meter.powerKw() == null ? null : number(meter.powerKw()));
        node.put("other_load_kw", number(Math.round(meter.otherLoadKw() * 100) / 100.0));
        if (meter.currentA() == null) {
            node.putNull("current_a");
        } else {
            var currents = node.putObject("current_a");
            meter.currentA().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> currents.put(e.getKey().name(), number(e.getValue())));
        }
        node.put("measured_at", Times.format(meter.measuredAt()));
        node.put("stale", meter.stale());
        return node;
    }

    /** The external limits in force (9.3). */
    static ObjectNode limits(List<ExternalLimit> limits) {
        var node = object();
        var array = node.putArray("limits");
        limits.forEach(l -> array.add(SiteDocuments.limitNode(l)));
        return node;
    }

    static ObjectNode rebalance(AllocationSnapshot snapshot) {
        var node = object();
        node.put("site_id", snapshot.siteId());
        node.put("applied_at", Times.format(snapshot.calculatedAt()));
        node.put("chargers_recalculated", snapshot.allocations().stream()
                .filter(a -> a.status() != dev.dynamo.site.ChargerStatus.OFFLINE).count());
        allocations(node, snapshot.allocations());
        return node;
    }

    private static void allocations(ObjectNode node, List<ChargerAllocation> allocations) {
        var array = node.putArray("allocations");
        for (var a : allocations) {
            var item = array.addObject();
            item.put("charge_point_id", a.chargePointId());
            item.put("allocated_kw", number(a.allocatedKw()));
            item.put("max_power_kw", number(a.capKw()));
            item.put("status", a.status().json());
            item.put("session_id", a.session().sessionId());
            item.put("session_started_at", Times.format(a.session().startedAt()));
            item.put("measured_kw", a.measuredKw() == null ? null : number(a.measuredKw()));
            item.put("phases_in_use", a.phasesInUse());
            var current = item.putObject("current_a");
            for (var phase : Phase.values()) {
                if (a.currentA().containsKey(phase)) current.put(phase.name(), number(a.currentA().get(phase)));
            }
            item.put("cap_reason", a.capReason().json());
            item.put("queued_since", Times.format(a.queuedSince()));
            item.put("limited_by", a.limitedBy().json());
            item.put("at_risk", a.atRisk());
            if (a.profile() == null) {
                item.putNull("profile");
            } else {
                item.putObject("profile").put("state", a.profile().state().json())
                        .put("limit_kw", a.profile().limitKw() == null ? null : number(a.profile().limitKw()))
                        .put("since", Times.format(a.profile().since()));
            }
            item.put("over_limit", a.overLimit());
        }
    }

    private static ObjectNode circuit(CircuitLoad load) {
        var node = object();
        node.put("circuit_id", load.circuitId());
        node.put("max_current_a", number(load.maxCurrentA()));
        node.putObject("current_a").put("L1", number(load.l1A())).put("L2", number(load.l2A()))
                .put("L3", number(load.l3A()));
        return node;
    }

    static ObjectNode history(String siteId, HistoryReport report) {
        return history(siteId, report, null);
    }

    /** With the grid meter's average other load per bucket (9.4); null without a grid meter. */
    static ObjectNode history(String siteId, HistoryReport report, List<Double> otherLoad) {
        var node = object();
        node.put("site_id", siteId);
        node.put("from", Times.format(report.from()));
        node.put("to", Times.format(report.to()));
        node.put("interval", report.interval().text());
        var buckets = node.putArray("buckets");
        for (int i = 0; i < report.buckets().size(); i++) {
            var b = report.buckets().get(i);
            var bucket = buckets.addObject();
            bucket.put("start", Times.format(b.start()));
            bucket.put("end", Times.format(b.end()));
            bucket.put("avg_budget_kw", number(b.avgBudgetKw()));
            bucket.put("avg_allocated_kw", number(b.avgAllocatedKw()));
            bucket.put("max_allocated_kw", number(b.maxAllocatedKw()));
            bucket.put("decisions", b.decisions());
            var otherKw = otherLoad == null ? null : otherLoad.get(i);
            bucket.put("avg_other_load_kw", otherKw == null ? null : number(otherKw));
            var chargers = bucket.putArray("chargers");
            for (var c : b.chargers()) {
                chargers.addObject().put("charge_point_id", c.chargePointId())
                        .put("avg_allocated_kw", number(c.avgAllocatedKw()))
                        .put("max_allocated_kw", number(c.maxAllocatedKw()));
            }
        }
        return node;
    }

    /**
     * Writes the decisions (7.4) straight to {@code out}: a large site's thousands of decisions, each with
     * every charger, would otherwise sit in memory three times (tree, text, bytes) per request.
     */
    static void writeDecisions(List<DecisionRecord> decisions, OutputStream out) throws IOException {
        try (var gen = MAPPER.getFactory().createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.writeStartObject();
            gen.writeArrayFieldStart("decisions");
            for (var d : decisions) {
                gen.writeStartObject();
                gen.writeStringField("decided_at", Times.format(d.decidedAt()));
                gen.writeStringField("trigger", d.trigger());
                gen.writeStringField("strategy", d.strategy());
                gen.writeNumberField("total_budget_kw", number(d.totalBudgetKw()));
                gen.writeNumberField("total_allocated_kw", number(d.totalAllocatedKw()));
                gen.writeFieldName("budget");
                gen.writeTree(d.budgetJson() == null ? budgetOfConfig(d.totalBudgetKw()) : read(d.budgetJson()));
                gen.writeArrayFieldStart("allocations");
                for (var e : d.allocations()) {
                    gen.writeStartObject();
                    gen.writeStringField("charge_point_id", e.chargePointId());
                    gen.writeNumberField("allocated_kw", number(e.allocatedKw()));
                    gen.writeStringField("status", e.status());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    /** A decision recorded before contract 9 had the config's budget alone. */
    private static ObjectNode budgetOfConfig(double budgetKw) {
        return SiteDocuments.budgetNode(dev.dynamo.allocation.Budget.ofConfig(budgetKw, budgetKw));
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"status":"ok"}}, or {@code "degraded"} with what fails by part ({@code "store": "…"}). */
    static ObjectNode health(java.util.Map<String, String> problems) {
        var node = object().put("status", problems.isEmpty() ? "ok" : "degraded");
        problems.forEach(node::put);
        return node;
    }

}
