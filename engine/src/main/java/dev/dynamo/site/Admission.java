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
        if (sharing != Sharing.PRIORITY) {
            var byStart = byStartInIdOrder(sessions);
            if (byStart != null) return byStart;
        }
        // the keys are computed once per session, not once per comparison: this runs at every decision
        var keys = new Key[sessions.size()];
        var i = 0;
        for (var s : sessions) {
            var rank = sharing == Sharing.PRIORITY ? rank(priorityOrder, s.chargePointId()) : 0;
            keys[i++] = new Key(rank, s.startedAt().truncatedTo(ChronoUnit.MILLIS), s.chargePointId());
        }
        java.util.Arrays.sort(keys);
        var order = new String[keys.length];
        for (i = 0; i < keys.length; i++) order[i] = keys[i].chargePointId();
        return List.of(order);
    }

    /**
     * By start to the millisecond, then id, for sessions given in id order (a site's, from its sorted map): a
     * sort of longs holding the start and the place in that order; null when they are not in id order or a
     * start is outside 1970–2109, for the general sort.
     */
    private static List<String> byStartInIdOrder(Collection<Session> sessions) {
        if (sessions.size() >= 1 << 20) return null;
        var keys = new long[sessions.size()];
        var ids = new String[sessions.size()];
        var i = 0;
        for (var s : sessions) {
            var id = s.chargePointId();
            if (i > 0 && ids[i - 1].compareTo(id) >= 0) return null;
            var ms = s.startedAt().truncatedTo(ChronoUnit.MILLIS);
            if (ms.getEpochSecond() < 0 || ms.getEpochSecond() >= 1L << 32) return null;
            ids[i] = id;
            keys[i] = ms.toEpochMilli() << 20 | i;
            i++;
        }
        java.util.Arrays.sort(keys);
        var order = new String[keys.length];
        for (i = 0; i < keys.length; i++) order[i] = ids[(int) (keys[i] & ((1 << 20) - 1))];
        return List.of(order);
    }

    /** Rule 5's sort key of one session: rank (0 for all with equal sharing), start to the millisecond, id. */
    private record Key(int rank, Instant startedAt, String chargePointId) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            if (rank != other.rank) return Integer.compare(rank, other.rank);
            var byStart = startedAt.compareTo(other.startedAt);
            return byStart != 0 ? byStart : chargePointId.compareTo(other.chargePointId);
        }
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
