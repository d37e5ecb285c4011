package dev.dynamo.console.preview;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.ChargerAllocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Puts the live allocation and a previewed one side by side, charger by charger. */
public final class PreviewComparison {
    private PreviewComparison() {}

    /**
     * A row for each of {@code chargerIds} (in that order), then for any other charger either side has;
     * {@code live} or {@code preview} may be null.
     */
    public static List<PreviewRow> rows(Collection<String> chargerIds, Allocation live, Allocation preview) {
        var liveById = byId(live);
        var previewById = byId(preview);
        var ids = new LinkedHashSet<>(chargerIds);
        ids.addAll(liveById.keySet());
        ids.addAll(previewById.keySet());
        var rows = new ArrayList<PreviewRow>(ids.size());
        for (var id : ids) {
            var now = liveById.get(id);
            var then = previewById.get(id);
            Double liveKw = now == null ? null : now.allocatedKw();
            // a charger the preview leaves out gets nothing under it; one idle on both sides shows nothing
            Double previewKw = preview == null || (then == null && now == null) ? null
                    : then == null ? Double.valueOf(0) : Double.valueOf(then.allocatedKw());
            rows.add(new PreviewRow(id, liveKw, now == null ? null : now.status(), previewKw,
                    then == null ? null : then.status()));
        }
        return rows;
    }

    private static Map<String, ChargerAllocation> byId(Allocation allocation) {
        if (allocation == null) return Map.of();
        return allocation.allocations().stream()
                .collect(Collectors.toMap(ChargerAllocation::chargePointId, Function.identity(), (a, _) -> a));
    }
}
