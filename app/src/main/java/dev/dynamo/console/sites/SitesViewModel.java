package dev.dynamo.console.sites;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.Site;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.task.Poll;
import dev.dynamo.console.watch.AlertRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Sites overview: every site of the engine with its budget, allocation, active and queued chargers and
 * open alerts, refreshed every few seconds; {@link #open} makes one the site every screen shows.
 */
public final class SitesViewModel {
    static final Duration REFRESH = Duration.ofSeconds(3);

    private final Clock clock;
    private final ObservableList<SiteSummary> summaries = FXCollections.observableArrayList();
    private final ObservableList<SiteSummary> summariesView = FXCollections.unmodifiableObservableList(summaries);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private Consumer<Site> opener = _ -> {};
    private final Poll<ConnectedSite> poll;

    public SitesViewModel(Background background, Clock clock) {
        this.clock = clock;
        this.poll = new Poll<>(background, REFRESH, this::refresh);
    }

    public ObservableList<SiteSummary> summaries() { return summariesView; }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** What opening a site does (the shell switches every screen to it). */
    public void onOpen(Consumer<Site> open) { opener = open; }

    public void attach(ConnectedSite connectedSite) {
        poll.attach(connectedSite);
    }

    /** Sites are polled only while wanted (the screen is shown); on by default. */
    public void polling(boolean wanted) {
        poll.wanted(wanted);
    }

    public void stop() {
        poll.stop();
    }

    public void refresh() {
        poll.fetch(current -> () -> summarise(current.api(), current.siteId()), result -> {
            error.set(null);
            if (!result.equals(summaries)) summaries.setAll(result);
        }, failure -> error.set(EngineException.describe(failure)));
    }

    public void open(SiteSummary summary) {
        if (summary != null) opener.accept(summary.site());
    }

    private List<SiteSummary> summarise(EngineApi api, String shownSiteId) {
        var result = new ArrayList<SiteSummary>();
        for (var each : api.sites()) {
            var config = api.config(each.siteId()).orElse(null);
            var allocation = config == null ? null : api.allocationIfConfigured(each.siteId()).orElse(null);
            var active = allocation == null ? 0 : allocation.allocations().size();
            var queued = allocation == null ? 0 : (int) allocation.allocations().stream().filter(a -> a.queued()).count();
            var alerts = AlertRules.evaluate(allocation, config, clock.instant()).size();
            result.add(new SiteSummary(each, allocation == null ? null : allocation.totalBudgetKw(),
                    allocation == null ? null : allocation.totalAllocatedKw(), active, queued, alerts,
                    each.siteId().equals(shownSiteId)));
        }
        return result;
    }
}
