package dev.dynamo.console.live;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.ChargerAllocation;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.Decision;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.Site;
import dev.dynamo.console.task.Background;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Why panel of a selected charger: what stops it from getting more ({@code limited_by} in words),
 * its cap and why, its path of breakers with their loads, its session, and its recent decisions.
 */
public final class WhyViewModel {
    static final Duration RECENT = Duration.ofHours(1);
    static final int RECENT_SHOWN = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Background background;
    private final Clock clock;
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper share = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper session = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ObservableList<String> path = FXCollections.observableArrayList();
    private final ObservableList<String> decisions = FXCollections.observableArrayList();
    private ConnectedSite site;
    private Site definition;
    private Allocation allocation;
    private final SessionViewModel sessionEditor;

    public WhyViewModel(Background background, Clock clock) { this(background, clock, () -> {}); }

    /** {@code onSessionChanged} runs after a session's need or departure was stored (the tiles then re-read them). */
    public WhyViewModel(Background background, Clock clock, Runnable onSessionChanged) {
        this.background = background;
        this.clock = clock;
        this.sessionEditor = new SessionViewModel(background, clock, onSessionChanged);
    }

    /** The session part of the panel: need, delivered, departure, at risk, and the form that changes them. */
    public SessionViewModel sessionEditor() { return sessionEditor; }

    /** The charger shown, or null when the panel is closed. */
    public ReadOnlyStringProperty selectedProperty() { return selected.getReadOnlyProperty(); }

    /** What stops it from getting more, in words: "Breaker row-1 is full on L2". */
    public ReadOnlyStringProperty headlineProperty() { return headline.getReadOnlyProperty(); }

    /** Its allocation, status, cap and what sets the cap. */
    public ReadOnlyStringProperty shareProperty() { return share.getReadOnlyProperty(); }

    public ReadOnlyStringProperty sessionProperty() { return session.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** Its breakers from its own circuit up to the grid connection, each with its per-phase load. */
    public ObservableList<String> path() { return path; }

    /** Its share in the decisions of the last hour, newest first. */
    public ObservableList<String> decisions() { return decisions; }

    void attach(ConnectedSite connectedSite) {
        site = connectedSite;
        definition = connectedSite.site();
        allocation = null;
        sessionEditor.attach(connectedSite);
        close();
    }

    /** Opens the panel on a charger: fresh site (its session) and recent decisions are fetched. */
    public void select(String chargePointId) {
        // another charger: its session is shown once read, never the previous one's form meanwhile
        if (chargePointId == null || !chargePointId.equals(sessionEditor.chargePointIdProperty().get())) sessionEditor.close();
        selected.set(chargePointId);
        if (chargePointId == null || site == null) return;
        show();
        var current = site;
        var now = clock.instant();
        background.submit(_ -> new Fetched(current.api().site(current.siteId()),
                        current.api().decisions(current.siteId(), now.minus(RECENT), now.plusMillis(1), 1000)),
                fetched -> {
                    if (current != site || !chargePointId.equals(selected.get())) return;
                    error.set(null);
                    definition = fetched.site();
                    show();
                    sessionEditor.open(chargePointId, sessionOf(chargePointId), atRiskOf(chargePointId),
                            LiveViewModel.zone(definition.timezone()));
                    decisions.setAll(recent(chargePointId, fetched.decisions()));
                }, failure -> error.set(EngineException.describe(failure)));
    }

    public void close() {
        sessionEditor.close();
        selected.set(null);
        path.clear();
        decisions.clear();
        headline.set(null);
        share.set(null);
        session.set(null);
    }

    private record Fetched(Site site, List<Decision> decisions) {}

    /** A new allocation: the panel follows it. */
    void allocation(Allocation latest) {
        allocation = latest;
        if (selected.get() != null) {
            show();
            sessionEditor.atRisk(atRiskOf(selected.get()));
        }
    }

    /** The sessions read with the site: the open panel shows the selected one's delivered energy as it rises. */
    void sessions(java.util.Map<String, dev.dynamo.console.client.SessionInfo> byCharger) {
        var id = selected.get();
        if (id != null && sessionEditor.chargePointIdProperty().get() != null) sessionEditor.update(byCharger.get(id));
    }

    private dev.dynamo.console.client.SessionInfo sessionOf(String chargePointId) {
        return definition == null ? null : definition.chargers().stream().filter(c -> c.chargePointId().equals(chargePointId))
                .map(dev.dynamo.console.client.Charger::session).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private boolean atRiskOf(String chargePointId) {
        return allocation != null && allocation.allocations().stream()
                .anyMatch(a -> a.chargePointId().equals(chargePointId) && Boolean.TRUE.equals(a.atRisk()));
    }

    private void show() {
        var id = selected.get();
        var charger = definition == null ? null
                : definition.chargers().stream().filter(c -> c.chargePointId().equals(id)).findFirst().orElse(null);
        var mine = allocation == null ? null
                : allocation.allocations().stream().filter(a -> a.chargePointId().equals(id)).findFirst().orElse(null);
        if (mine == null) {
            headline.set("No session: it gets nothing");
            share.set(null);
        } else {
            var words = WhyText.limitedBy(mine.limitedBy(), mine.capReason());
            // contract 9.4: what sets the budget (the config, the grid meter, an external limit)
            var budget = allocation.budget();
            if ("budget".equals(mine.limitedBy()) && budget != null && budget.binding() != null && !budget.binding().equals("config")) {
                words += " (set by " + budget.binding() + ")";
            }
            headline.set(words);
            share.set(shareText(mine));
        }
        var steps = WhyText.path(charger, definition == null ? List.of() : definition.circuits(),
                allocation == null ? List.of() : allocation.circuits());
        var lines = steps.stream().map(WhyText.PathStep::text).toList();
        if (!lines.equals(path)) path.setAll(lines);
        session.set(charger == null || charger.session() == null ? "No session" : sessionText(charger.session()));
    }

    private static String shareText(ChargerAllocation a) {
        var text = new StringBuilder(String.format(Locale.ROOT, "%.1f kW, %s · cap %.1f kW (%s)", a.allocatedKw(),
                a.status(), a.maxPowerKw(), WhyText.capReason(a.capReason())));
        if (a.measuredKw() != null) text.append(String.format(Locale.ROOT, " · metered %.1f kW", a.measuredKw()));
        if (a.queuedSince() != null) text.append(" · queued since ").append(TIME.format(a.queuedSince()));
        if (a.profile() != null) {
            text.append(" · limit ").append(a.profile().state());
            if (a.profile().limitKw() != null) text.append(String.format(Locale.ROOT, " (accepted %.1f kW)", a.profile().limitKw()));
        }
        if (Boolean.TRUE.equals(a.overLimit())) text.append(" · draws over its limit");
        if (Boolean.TRUE.equals(a.atRisk())) text.append(" · at risk of missing its departure");
        return text.toString();
    }

    private static String sessionText(dev.dynamo.console.client.SessionInfo s) {
        var text = new StringBuilder("Started " + TIME.format(s.startedAt()));
        if (s.energyDeliveredKwh() != null) text.append(String.format(Locale.ROOT, " · %.1f kWh delivered", s.energyDeliveredKwh()));
        if (s.energyNeededKwh() != null) text.append(String.format(Locale.ROOT, " · %.1f kWh needed", s.energyNeededKwh()));
        if (s.departureAt() != null) text.append(" · leaves ").append(TIME.format(s.departureAt()));
        if (s.evMaxPowerKw() != null) text.append(String.format(Locale.ROOT, " · vehicle max %.1f kW", s.evMaxPowerKw()));
        return text.toString();
    }

    static List<String> recent(String chargePointId, List<Decision> newestFirst) {
        return newestFirst.stream()
                .filter(d -> d.allocations().stream().anyMatch(a -> a.chargePointId().equals(chargePointId)))
                .limit(RECENT_SHOWN)
                .map(d -> {
                    var a = d.allocations().stream().filter(x -> x.chargePointId().equals(chargePointId)).findFirst().orElseThrow();
                    return String.format(Locale.ROOT, "%s  %-13s %6.1f kW %s", TIME.format(d.decidedAt()), d.trigger(),
                            a.allocatedKw(), a.status());
                }).toList();
    }
}
