package dev.dynamo.api;

import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.site.MeterStatus;
import dev.dynamo.site.SiteView;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
    private record Cached(AllocationSnapshot snapshot, List<MeterStatus> meters, CachedBody body) {}

    private final Map<String, Cached> bySite = new ConcurrentHashMap<>();

    /**
     * The body of the site's latest view ({@code SiteHandle::view}); empty while the site has no config. The view
     * is read once: the site publishes a new one whenever it decides, so the allocation of one view and the meters
     * of the next would show a fresh reading beside the budget it replaced (a stale-meter fallback, say).
     */
    Optional<CachedBody> latest(Supplier<SiteView> latest) {
        var view = latest.get();
        if (view.allocation() == null || view.config() == null) return Optional.empty();
        return Optional.of(of(view.allocation(), view.meters()));
    }

    private CachedBody of(AllocationSnapshot snapshot, List<MeterStatus> meters) {
        var cached = bySite.get(snapshot.siteId());
        if (cached != null && cached.snapshot() == snapshot && cached.meters() == meters) return cached.body();
        var body = CachedBody.of(SiteDocuments.write(ResponseJson.allocation(snapshot, meters)).getBytes(StandardCharsets.UTF_8));
        // two threads may both serialise a new snapshot; either result is the same bytes
        bySite.put(snapshot.siteId(), new Cached(snapshot, meters, body));
        return body;
    }
}
