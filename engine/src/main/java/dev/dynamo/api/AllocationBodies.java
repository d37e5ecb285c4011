package dev.dynamo.api;

import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.site.MeterStatus;
import java.util.List;
import dev.dynamo.contract.SiteDocuments;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serialised {@code GET .../allocation} body of each site's current snapshot. Snapshots are immutable
 * and every decision (or meter update) publishes a new one, so the bytes are reused while the same snapshot
 * instance is current: polling clients then cost a lookup instead of a JSON tree and its serialisation.
 */
final class AllocationBodies {
    private record Cached(AllocationSnapshot snapshot, List<MeterStatus> meters, byte[] body) {}

    private final Map<String, Cached> bySite = new ConcurrentHashMap<>();

    byte[] of(AllocationSnapshot snapshot, List<MeterStatus> meters) {
        var cached = bySite.get(snapshot.siteId());
        if (cached != null && cached.snapshot() == snapshot && cached.meters() == meters) return cached.body();
        var body = SiteDocuments.write(ResponseJson.allocation(snapshot, meters)).getBytes(StandardCharsets.UTF_8);
        // two threads may both serialise a new snapshot; either result is the same bytes
        bySite.put(snapshot.siteId(), new Cached(snapshot, meters, body));
        return body;
    }
}
