package dev.dynamo.console.history;

import dev.dynamo.console.client.History;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * History as columns: one row per bucket, the site total, the budget, and each charger's average
 * (0 where the engine listed no allocation for it); {@code otherLoadKw} is the metered load besides the
 * chargers (contract 9.4), null when no bucket has one.
 */
public record HistoryTable(List<Instant> starts, double[] totalKw, double[] budgetKw,
                           Map<String, double[]> chargerKw, double[] otherLoadKw) {

    public static HistoryTable of(List<History.Bucket> buckets) {
        var ids = new TreeSet<String>();
        buckets.forEach(b -> b.chargers().forEach(c -> ids.add(c.chargePointId())));
        var starts = new ArrayList<Instant>(buckets.size());
        var total = new double[buckets.size()];
        var budget = new double[buckets.size()];
        var otherLoad = new double[buckets.size()];
        var metered = false;
        var perCharger = new LinkedHashMap<String, double[]>();
        ids.forEach(id -> perCharger.put(id, new double[buckets.size()]));
        for (int i = 0; i < buckets.size(); i++) {
            var bucket = buckets.get(i);
            starts.add(bucket.start());
            total[i] = bucket.avgAllocatedKw();
            budget[i] = bucket.avgBudgetKw();
            if (bucket.avgOtherLoadKw() != null) {
                otherLoad[i] = bucket.avgOtherLoadKw();
                metered = true;
            }
            for (var charger : bucket.chargers()) {
                perCharger.get(charger.chargePointId())[i] = charger.avgAllocatedKw();
            }
        }
        return new HistoryTable(List.copyOf(starts), total, budget, perCharger, metered ? otherLoad : null);
    }

    public int size() { return starts.size(); }

    /** Chargers by energy delivered over the range, largest first: the chart draws the top few. */
    public List<String> chargersByEnergy() {
        return chargerKw.entrySet().stream()
                .sorted((a, b) -> Double.compare(sum(b.getValue()), sum(a.getValue())))
                .map(Map.Entry::getKey).toList();
    }

    private static double sum(double[] values) {
        var sum = 0.0;
        for (var v : values) sum += v;
        return sum;
    }
}
