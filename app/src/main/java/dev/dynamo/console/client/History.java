package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/** Allocation history in time buckets (contract 2.4; {@code avgOtherLoadKw} from 9.4, null without a grid meter). */
public record History(String siteId, Instant from, Instant to, String interval, List<Bucket> buckets) {
    public History {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    public record Bucket(Instant start, Instant end, double avgBudgetKw, double avgAllocatedKw,
                         double maxAllocatedKw, int decisions, List<ChargerBucket> chargers, Double avgOtherLoadKw) {
        public Bucket {
            chargers = chargers == null ? List.of() : List.copyOf(chargers);
        }
    }

    public record ChargerBucket(String chargePointId, double avgAllocatedKw, double maxAllocatedKw) {}
}
