package dev.dynamo.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.store.RotationState;
import dev.dynamo.store.SessionRotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The stored admission ranks follow the order, and change only where the order really changed. */
class DurableRotationTest {
    private static final Instant T0 = Instant.parse("2026-11-24T17:00:00Z");

    /** Applies one decision's order: sessions not in it ended; returns what was written. */
    private static RotationState apply(DurableRotation durable, Map<String, SessionRotation> stored,
                                       List<String> previous, List<String> order) {
        previous.stream().filter(cp -> !order.contains(cp)).forEach(cp -> {
            durable.forget(cp);
            stored.remove(cp);
        });
        var changes = durable.changes(new HashSet<>(order), Map.of(), Map.of(), order, null);
        durable.written(changes);
        stored.putAll(changes.sessions());
        return changes;
    }

    @Provide
    Arbitrary<List<List<String>>> orders() {
        var order = Arbitraries.of("A", "B", "C", "D", "E", "F", "G").list().uniqueElements().ofMaxSize(7);
        return order.list().ofMinSize(1).ofMaxSize(15);
    }

    @Property(tries = 300)
    void the_stored_ranks_always_follow_the_admission_order(@ForAll("orders") List<List<String>> orders) {
        var durable = new DurableRotation("depot");
        var stored = new HashMap<String, SessionRotation>();
        var previous = List.<String>of();
        for (var order : orders) {
            apply(durable, stored, previous, order);
            var ranks = order.stream().map(cp -> stored.get(cp).admissionRank()).toList();
            assertThat(ranks).doesNotContainNull().isSorted().doesNotHaveDuplicates();
            // written again unchanged, nothing is written
            assertThat(durable.changes(new HashSet<>(order), Map.of(), Map.of(), order, null).isEmpty()).isTrue();
            previous = order;
        }
    }

    @Property(tries = 300)
    void leaving_and_joining_at_the_end_writes_only_the_newcomers(@ForAll("orders") List<List<String>> orders) {
        var durable = new DurableRotation("depot");
        var stored = new HashMap<String, SessionRotation>();
        apply(durable, stored, List.of(), orders.getFirst());
        var previous = orders.getFirst();
        for (var next : orders.subList(1, orders.size())) {
            // the sticky order between ticks: those who stay, in place, then the newcomers
            var before = previous;
            var order = new ArrayList<String>(before.stream().filter(next::contains).toList());
            var newcomers = next.stream().filter(cp -> !before.contains(cp)).toList();
            order.addAll(newcomers);
            var changes = apply(durable, stored, before, order);
            assertThat(changes.sessions()).containsOnlyKeys(newcomers);
            previous = order;
        }
    }

    @Test
    void the_clock_is_written_when_it_moves_and_not_again() {
        var durable = new DurableRotation("depot");
        var first = durable.changes(Set.of(), Map.of(), Map.of(), List.of(), T0);
        assertThat(first.clockAt()).isEqualTo(T0);
        durable.written(first);
        assertThat(durable.changes(Set.of(), Map.of(), Map.of(), List.of(), T0).isEmpty()).isTrue();
        assertThat(durable.changes(Set.of(), Map.of(), Map.of(), List.of(), null).isEmpty()).isTrue();
    }
}
