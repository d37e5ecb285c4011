package dev.dynamo.site;

import dev.dynamo.contract.Session;

import dev.dynamo.allocation.Sharing;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The order in which active chargers are admitted (rule 5, and rotation 7.2). */
final class Admission {
    private Admission() {}

    /** Rule 5: by rank in priority_order for priority sharing (unlisted after), then session start, then id. */
    static List<String> ruleFive(Collection<Session> sessions, Sharing sharing, List<String> priorityOrder) {
        Comparator<Session> byStart = Comparator
                .comparing((Session s) -> s.startedAt().truncatedTo(ChronoUnit.MILLIS))
                .thenComparing(Session::chargePointId);
        Comparator<Session> order = sharing == Sharing.PRIORITY
                ? Comparator.comparingInt((Session s) -> rank(priorityOrder, s.chargePointId())).thenComparing(byStart)
                : byStart;
        return sessions.stream().sorted(order).map(Session::chargePointId).toList();
    }

    private static int rank(List<String> priorityOrder, String chargePointId) {
        var index = priorityOrder.indexOf(chargePointId);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /**
     * Between rotation ticks admission is sticky: those charging keep their place ahead of the queued
     * ones, in their current order; newcomers follow in rule-5 order.
     */
    static List<String> sticky(List<String> previousOrder, Set<String> charging, List<String> ruleFive) {
        var active = Set.copyOf(ruleFive);
        var order = new LinkedHashSet<String>();
        previousOrder.stream().filter(active::contains).filter(charging::contains).forEach(order::add);
        previousOrder.stream().filter(active::contains).forEach(order::add);
        order.addAll(ruleFive);
        return new ArrayList<>(order);
    }

    /** At a rotation tick: queued ones longest waiting first, then charging ones most recently admitted first. */
    static List<String> rotated(List<String> ruleFive, Map<String, Instant> queuedSince, Map<String, Instant> admittedAt) {
        var queued = ruleFive.stream().filter(queuedSince::containsKey)
                .sorted(Comparator.comparing((String cp) -> queuedSince.get(cp)).thenComparing(cp -> cp)).toList();
        var order = new LinkedHashSet<>(queued);
        ruleFive.stream().filter(cp -> !queuedSince.containsKey(cp) && !admittedAt.containsKey(cp)).forEach(order::add);
        ruleFive.stream().filter(admittedAt::containsKey)
                .sorted(Comparator.comparing((String cp) -> admittedAt.get(cp)).reversed().thenComparing(cp -> cp))
                .forEach(order::add);
        order.addAll(ruleFive);
        return new ArrayList<>(order);
    }
}
