package dev.dynamo.console.connect;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.EngineStarter;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.console.client.Site;
import dev.dynamo.console.task.Background;
import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Connect screen: engine URL and key or the embedded engine, then the site to work on. */
public final class ConnectViewModel {
    private final Background background;
    private final ConnectionSettings settings;
    private final EngineStarter embeddedStarter;
    private final BiFunction<URI, String, EngineApi> clients;

    private final StringProperty engineUrl = new SimpleStringProperty();
    private final StringProperty apiKey = new SimpleStringProperty();
    private final BooleanProperty embedded = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper engineVersion = new ReadOnlyStringWrapper();
    private final ObservableList<Site> sites = FXCollections.observableArrayList();
    // one read-only view, kept: listeners on a throwaway wrapper would be collected with it
    private final ObservableList<Site> sitesView = FXCollections.unmodifiableObservableList(sites);
    private final ReadOnlyObjectWrapper<ConnectedSite> connected = new ReadOnlyObjectWrapper<>();

    private RunningEngine runningEngine;
    private EngineApi api;
    private boolean demo;
    private volatile int demoSessions = DemoFeed.DEMO_SESSIONS;
    private final ReadOnlyBooleanWrapper simulation = new ReadOnlyBooleanWrapper();

    public ConnectViewModel(Background background, ConnectionSettings settings, EngineStarter embeddedStarter,
                            BiFunction<URI, String, EngineApi> clients) {
        this.background = background;
        this.settings = settings;
        this.embeddedStarter = embeddedStarter;
        this.clients = clients;
        var saved = settings.load();
        engineUrl.set(saved.engineUrl());
        apiKey.set(saved.apiKey());
        embedded.set(saved.embedded());
    }

    public StringProperty engineUrlProperty() { return engineUrl; }

    public StringProperty apiKeyProperty() { return apiKey; }

    public BooleanProperty embeddedProperty() { return embedded; }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() { return state.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyStringProperty engineVersionProperty() { return engineVersion.getReadOnlyProperty(); }

    public ObservableList<Site> sites() { return sitesView; }

    /** The engine and site the other screens work on; null until a site is chosen. */
    public ReadOnlyObjectProperty<ConnectedSite> connectedProperty() { return connected.getReadOnlyProperty(); }

    /** Connects (or retries): lists the engine's sites and opens the remembered one, else the first. */
    public void connect() {
        if (state.get() == ConnectionState.CONNECTING) return;
        state.set(ConnectionState.CONNECTING);
        error.set(null);
        var useEmbedded = embedded.get();
        var url = engineUrl.get() == null ? "" : engineUrl.get().strip();
        var key = apiKey.get();
        var remembered = settings.load().siteId();
        settings.save(new ConnectionSettings.Saved(url, key, useEmbedded, remembered));
        background.submit(_ -> open(useEmbedded, url, key), opened -> {
            simulation.set(false);
            opened(opened);
        }, this::failed);
    }

    public void chooseSite(Site site) {
        if (site == null || api == null) return;
        if (!simulation.get()) {
            var saved = settings.load();
            settings.save(new ConnectionSettings.Saved(saved.engineUrl(), saved.apiKey(), saved.embedded(), site.siteId()));
        }
        connected.set(new ConnectedSite(api, site, engineVersion.get(), demo));
    }

    /** True while the screens show a playback's engine (not remembered; {@link #connect} goes back). */
    public ReadOnlyBooleanProperty simulationProperty() { return simulation.getReadOnlyProperty(); }

    /**
     * Points every screen at the engine of a playback, on its first site (one per strategy); the engine
     * connected before keeps running, and {@link #connect} returns to it.
     */
    public void showSimulation(RunningEngine engine) {
        state.set(ConnectionState.CONNECTING);
        error.set(null);
        background.submit(_ -> {
            var client = clients.apply(engine.baseUri(), engine.apiKey());
            var health = client.health();
            var version = health.version() != null ? health.version() : engine.version() != null ? engine.version() : "unknown";
            return new Opened(client, version, client.sites(), false);
        }, opened -> {
            simulation.set(true);
            opened(opened);
        }, this::failed);
    }

    /** How many sessions an embedded engine with a sites file starts (the 500-charger measurement starts all). */
    public void demoSessions(int count) { demoSessions = count; }

    /** Stops the embedded engine if this console started one. */
    public void shutdown() {
        if (runningEngine != null) {
            runningEngine.close();
            runningEngine = null;
        }
    }

    private record Opened(EngineApi api, String version, List<Site> sites, boolean demo) {}

    private Opened open(boolean useEmbedded, String url, String key) throws Exception {
        EngineApi client;
        if (useEmbedded) {
            if (runningEngine == null) runningEngine = embeddedStarter.start();
            client = clients.apply(runningEngine.baseUri(), runningEngine.apiKey());
        } else {
            client = clients.apply(parseUrl(url), key);
        }
        var health = client.health();
        var found = client.sites();
        // the demo runs a scenario of its own; an engine on a sites file gets a few sessions to show
        if (useEmbedded && !found.isEmpty() && !runningEngine.simulated()) {
            DemoFeed.prepare(client, found.getFirst(), demoSessions);
            found = client.sites();
        }
        var version = health.version() != null ? health.version()
                : useEmbedded && runningEngine.version() != null ? runningEngine.version() : "unknown";
        return new Opened(client, version, found, useEmbedded);
    }

    private static URI parseUrl(String url) {
        try {
            var uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException();
            return uri;
        } catch (IllegalArgumentException e) {
            throw new EngineException(0, "Not a valid engine URL: '" + url + "' (e.g. http://127.0.0.1:8080)", List.of());
        }
    }

    private void opened(Opened opened) {
        api = opened.api();
        demo = opened.demo();
        engineVersion.set(opened.version());
        sites.setAll(opened.sites());
        state.set(ConnectionState.CONNECTED);
        if (opened.sites().isEmpty()) {
            error.set("The engine has no sites yet");
            return;
        }
        var remembered = simulation.get() ? null : settings.load().siteId();
        chooseSite(opened.sites().stream().filter(s -> s.siteId().equals(remembered)).findFirst()
                .orElse(opened.sites().getFirst()));
    }

    private void failed(Throwable failure) {
        state.set(ConnectionState.FAILED);
        error.set(EngineException.describe(failure));
    }
}
