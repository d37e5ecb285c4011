package dev.dynamo.console.shell;

import dev.dynamo.console.alerts.AlertsView;
import dev.dynamo.console.alerts.AlertsViewModel;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineStarter;
import dev.dynamo.console.client.HttpEngineClient;
import dev.dynamo.console.client.SimulationRunner;
import dev.dynamo.console.connect.ConnectView;
import dev.dynamo.console.connect.ConnectViewModel;
import dev.dynamo.console.connect.ConnectionSettings;
import dev.dynamo.console.connect.ConnectionState;
import dev.dynamo.console.decisions.DecisionsView;
import dev.dynamo.console.decisions.DecisionsViewModel;
import dev.dynamo.console.history.HistoryView;
import dev.dynamo.console.history.HistoryViewModel;
import dev.dynamo.console.live.LiveView;
import dev.dynamo.console.live.LiveViewModel;
import dev.dynamo.console.priority.PriorityView;
import dev.dynamo.console.priority.PriorityViewModel;
import dev.dynamo.console.schedule.ConfigView;
import dev.dynamo.console.schedule.ConfigViewModel;
import dev.dynamo.console.simulation.SimulationView;
import dev.dynamo.console.site.SiteEditorView;
import dev.dynamo.console.site.SiteEditorViewModel;
import dev.dynamo.console.sites.SitesView;
import dev.dynamo.console.sites.SitesViewModel;
import dev.dynamo.console.simulation.SimulationViewModel;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.theme.Theme;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;

/** The composition root: view-models, views and the wiring between screens. */
public final class Console {
    private final ConnectViewModel connect;
    private final LiveViewModel live;
    private final HistoryViewModel history;
    private final PriorityViewModel priority;
    private final ConfigViewModel config;
    private final SimulationViewModel simulation;
    private final SitesViewModel sites;
    private final AlertsViewModel alerts;
    private final DecisionsViewModel decisions;
    private final SiteEditorViewModel siteEditor;
    private final StatusBarViewModel status;
    private final MainWindow window;
    private final Background background;
    /** Asks the connected engine's /health every few seconds; replaced when another site opens. */
    private dev.dynamo.console.task.Job healthWatch;

    public Console(Background background, ConnectionSettings settings, EngineStarter embeddedStarter,
                   SimulationRunner simulationRunner, Clock clock) {
        this.background = background;
        connect = new ConnectViewModel(background, settings, embeddedStarter, HttpEngineClient::new);
        live = new LiveViewModel(background, clock);
        history = new HistoryViewModel(background, clock);
        priority = new PriorityViewModel(background);
        config = new ConfigViewModel(background);
        simulation = new SimulationViewModel(background, simulationRunner);
        sites = new SitesViewModel(background, clock);
        alerts = new AlertsViewModel(background, clock);
        decisions = new DecisionsViewModel(background, clock);
        siteEditor = new SiteEditorViewModel(background);
        status = new StatusBarViewModel(clock);

        var connectView = new ConnectView(connect);
        var liveView = new LiveView(live);
        var historyView = new HistoryView(history);
        var priorityView = new PriorityView(priority);
        var configView = new ConfigView(config);
        var simulationView = new SimulationView(simulation);
        var sitesView = new SitesView(sites);
        var alertsView = new AlertsView(alerts);
        var decisionsView = new DecisionsView(decisions);
        var siteEditorView = new SiteEditorView(siteEditor);
        Map<Screen, Node> screens = new EnumMap<>(Screen.class);
        screens.put(Screen.CONNECT, connectView);
        screens.put(Screen.LIVE, liveView);
        screens.put(Screen.HISTORY, historyView);
        screens.put(Screen.PRIORITY, priorityView);
        screens.put(Screen.CONFIG, configView);
        screens.put(Screen.SIMULATION, simulationView);
        screens.put(Screen.SITES, sitesView);
        screens.put(Screen.ALERTS, alertsView);
        screens.put(Screen.DECISIONS, decisionsView);
        screens.put(Screen.SITE_EDITOR, siteEditorView);
        Map<Screen, Runnable> focus = new EnumMap<>(Screen.class);
        focus.put(Screen.CONNECT, connectView::focusDefault);
        focus.put(Screen.LIVE, liveView::focusDefault);
        focus.put(Screen.HISTORY, historyView::focusDefault);
        focus.put(Screen.PRIORITY, priorityView::focusDefault);
        focus.put(Screen.CONFIG, configView::focusDefault);
        focus.put(Screen.SIMULATION, simulationView::focusDefault);
        focus.put(Screen.SITES, sitesView::focusDefault);
        focus.put(Screen.ALERTS, alertsView::focusDefault);
        focus.put(Screen.DECISIONS, () -> { decisions.load(); decisionsView.focusDefault(); });
        focus.put(Screen.SITE_EDITOR, siteEditorView::focusDefault);
        window = new MainWindow(screens, focus, status);
        wire();
    }

    private void wire() {
        connect.stateProperty().addListener((_, _, state) -> status.connection(state.label() + describeTarget(),
                switch (state) {
                    case CONNECTED -> "connected";
                    case CONNECTING -> "connecting";
                    case FAILED -> "failed";
                    case DISCONNECTED -> "disconnected";
                }));
        connect.connectedProperty().addListener((_, _, site) -> { if (site != null) open(site); });
        status.watch("Connect", connect.errorProperty());
        status.watch("Live", live.errorProperty());
        status.watch("History", history.errorProperty());
        status.watch("Priority", priority.errorProperty());
        status.watch("Config", config.errorProperty());
        status.watch("Simulation", simulation.errorProperty());
        status.watch("Sites", sites.errorProperty());
        status.watch("Decisions", decisions.errorProperty());
        status.watch("Site layout", siteEditor.errorProperty());
        // alerts: a count in the status bar, a pop-up for each new one whatever screen shows
        alerts.openCountProperty().subscribe(count -> status.openAlerts(count.intValue()));
        status.onShowAlerts(() -> window.show(Screen.ALERTS));
        alerts.arrivedProperty().addListener((_, _, arrived) -> arrived.forEach(alert ->
                AlertsView.popUp(window.getScene() == null ? null : window.getScene().getWindow(), alert)));
        // Priority's live values and the overview are fetched only while in view (Alerts always: the status bar)
        window.shownProperty().subscribe(screen -> {
            priority.polling(screen == Screen.PRIORITY);
            sites.polling(screen == Screen.SITES);
        });
        // opening a site in the overview switches every screen to it
        sites.onOpen(site -> {
            connect.chooseSite(site);
            window.show(Screen.LIVE);
        });
        // a stored site layout: every screen takes the new definition, the editor stays in view
        siteEditor.appliedCountProperty().addListener((_, _, _) -> connect.chooseSite(siteEditor.storedSite()));
        // a stored config changes the allocation and what the other screen shows
        // a playback's engine takes over every screen while it runs; Stop goes back to the engine shown before
        simulation.playingProperty().addListener((_, before, now) -> {
            if (now != null) connect.showSimulation(now.engine());
            else if (before != null && connect.simulationProperty().get()) connect.connect();
        });
        connect.simulationProperty().addListener((_, _, simulated) ->
                history.engineTime(simulated ? simulation.simulatedAtProperty()::get : null));
        priority.appliedCountProperty().addListener((_, _, _) -> { live.refresh(); config.reload(); });
        config.appliedCountProperty().addListener((_, _, _) -> { live.refresh(); priority.reload(); });
    }

    private String describeTarget() {
        var site = connect.connectedProperty().get();
        return site == null ? "" : " to " + site.site().name();
    }

    private void open(ConnectedSite site) {
        status.connection(ConnectionState.CONNECTED.label() + " · " + site.site().name()
                + (site.demo() ? " (demo)" : connect.simulationProperty().get() ? " (simulation)" : ""), "connected");
        status.engine(site.engineVersion(), site.api().baseUri().getAuthority()
                + (site.demo() || connect.simulationProperty().get() ? " embedded" : ""));
        watchHealth(site);
        live.attach(site);
        history.attach(site);
        priority.attach(site);
        config.attach(site);
        sites.attach(site);
        alerts.attach(site);
        decisions.attach(site);
        if (window.current() == Screen.DECISIONS) decisions.load();
        siteEditor.attach(site);
        // Play keeps its screen (its controls), as do the overview and the editor that switched the site;
        // the other screens now show the chosen site
        var stay = connect.simulationProperty().get() || window.current() == Screen.SITE_EDITOR
                || window.current() == Screen.SITES;
        if (!stay) window.show(Screen.LIVE);
    }

    private void watchHealth(ConnectedSite site) {
        if (healthWatch != null) healthWatch.cancel();
        status.health(null);
        healthWatch = background.every(java.time.Duration.ofSeconds(5), () -> background.submit(_ -> site.api().health(),
                status::health, _ -> status.health(null)));
    }

    public Scene scene(double width, double height) {
        var scene = new Scene(window, width, height);
        Theme.apply(scene);
        window.installShortcuts(scene);
        return scene;
    }

    public MainWindow window() { return window; }

    public ConnectViewModel connect() { return connect; }

    public LiveViewModel live() { return live; }

    public HistoryViewModel history() { return history; }

    public ConfigViewModel config() { return config; }

    public SimulationViewModel simulation() { return simulation; }

    Background background() { return background; }

    StatusBarViewModel status() { return status; }

    public SitesViewModel sites() { return sites; }

    public AlertsViewModel alerts() { return alerts; }

    public DecisionsViewModel decisions() { return decisions; }

    public SiteEditorViewModel siteEditor() { return siteEditor; }

    public PriorityViewModel priority() { return priority; }

    public void shutdown() {
        live.stop();
        priority.stop();
        sites.stop();
        alerts.stop();
        simulation.shutdown();
        connect.shutdown();
    }
}
