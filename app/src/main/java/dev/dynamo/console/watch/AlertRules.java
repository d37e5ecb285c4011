package dev.dynamo.console.watch;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.CircuitLoad;
import dev.dynamo.console.client.SiteConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What in a site's allocation needs a person (issue 18): a breaker within 5% of its rating, a charger
 * offline with its limit reserved, a queued charger waiting longer than the rotation period, a limit
 * refused or ignored ({@code profile}, {@code over_limit}), a stale meter or an external limit (section 9),
 * a vehicle at risk (section 10). Fields an engine does not send yet simply raise nothing.
 */
public final class AlertRules {
    /** A breaker carrying 95% of its rating or more on a phase. */
    static final double NEAR_LIMIT = 0.95;

    private AlertRules() {}

    /** Every alert of the allocation at {@code now}; {@code config} may be null (no rotation then). */
    public static List<Alert> evaluate(Allocation allocation, SiteConfig config, Instant now) {
        var alerts = new ArrayList<Alert>();
        if (allocation == null) return alerts;
        for (var circuit : allocation.circuits()) breaker(circuit).ifPresent(alerts::add);
        var rotation = config == null || config.rotationPeriodMin() == null ? null
                : Duration.ofMinutes(config.rotationPeriodMin());
        for (var a : allocation.allocations()) {
            var cp = a.chargePointId();
            if (a.offline()) {
                alerts.add(new Alert(AlertKind.OFFLINE_WITH_RESERVATION, cp,
                        cp + " is offline: " + kw(a.allocatedKw()) + " stays reserved for it", null));
            }
            if (a.profile() != null && a.profile().refused()) {
                var accepted = a.profile().limitKw();
                alerts.add(new Alert(AlertKind.LIMIT_REFUSED, cp, cp + " refused its limit (retrying; last accepted "
                        + (accepted == null ? "none" : kw(accepted)) + ")", a.profile().since()));
            }
            if (Boolean.TRUE.equals(a.overLimit())) {
                var accepted = a.profile() == null ? null : a.profile().limitKw();
                alerts.add(new Alert(AlertKind.OVER_LIMIT, cp, cp + " draws "
                        + (a.measuredKw() == null ? "more" : kw(a.measuredKw()))
                        + " over its limit" + (accepted == null ? "" : " of " + kw(accepted)), null));
            }
            if (rotation != null && a.queued() && a.queuedSince() != null
                    && Duration.between(a.queuedSince(), now).compareTo(rotation) > 0) {
                alerts.add(new Alert(AlertKind.QUEUED_TOO_LONG, cp, cp + " has waited "
                        + Duration.between(a.queuedSince(), now).toMinutes() + " min (rotation every "
                        + rotation.toMinutes() + " min)", a.queuedSince()));
            }
            if (Boolean.TRUE.equals(a.atRisk())) {
                alerts.add(new Alert(AlertKind.AT_RISK, cp, cp + " cannot get its energy by its departure", null));
            }
        }
        for (var meter : allocation.meters()) {
            if (meter.stale()) {
                alerts.add(new Alert(AlertKind.STALE_METER, meter.meterId(), "Meter " + meter.meterId() + " on "
                        + meter.node() + " is stale: its fallback load counts", null));
            }
        }
        var budget = allocation.budget();
        if (budget != null && budget.external()) {
            var source = budget.binding().substring("external:".length());
            alerts.add(new Alert(AlertKind.EXTERNAL_LIMIT, source, "External limit " + source + " sets the budget: "
                    + kw(budget.externalKw() == null ? allocation.totalBudgetKw() : budget.externalKw()), null));
        }
        return alerts;
    }

    private static java.util.Optional<Alert> breaker(CircuitLoad circuit) {
        if (circuit.maxCurrentA() <= 0) return java.util.Optional.empty();
        Map<String, Double> near = new TreeMap<>();
        circuit.currentA().forEach((phase, amps) -> {
            if (amps != null && amps >= NEAR_LIMIT * circuit.maxCurrentA()) near.put(phase, amps);
        });
        if (near.isEmpty()) return java.util.Optional.empty();
        var worst = near.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        var name = CircuitLoad.GRID.equals(circuit.circuitId()) ? "the grid connection" : "breaker " + circuit.circuitId();
        return java.util.Optional.of(new Alert(AlertKind.BREAKER_NEAR_LIMIT, circuit.circuitId(), String.format(Locale.ROOT,
                "%s at %.1f of %.0f A on %s", capitalise(name), worst.getValue(), circuit.maxCurrentA(),
                String.join(", ", near.keySet())), null));
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String kw(double value) { return String.format(Locale.ROOT, "%.1f kW", value); }
}
