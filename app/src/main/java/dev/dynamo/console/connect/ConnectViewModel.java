package dev.dynamo.console.connect;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.EngineStarter;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.console.client.Site;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.task.Job;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import javafx.beans.property.BooleanProperty;
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
    /** How often a demo vehicle leaves and another arrives; null = no traffic (measurements, screenshots). */
    private Duration demoTrafficEvery = Duration.ofSeconds(8);
    private Job demoTraffic;
    private int demoTurn;

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
        background.submit(_ -> open(useEmbedded, url, key), this::opened, this::failed);
    }

    public void chooseSite(Site site) {
        if (site == null || api == null) return;
        var saved = settings.load();
        settings.save(new ConnectionSettings.Saved(saved.engineUrl(), saved.apiKey(), saved.embedded(), site.siteId()));
        connected.set(new ConnectedSite(api, site, engineVersion.get(), demo));
    }

    /** How many sessions the embedded demo starts (5 by default; the 500-charger measurement starts all). */
    public void demoSessions(int count) { demoSessions = count; }

    /** How often demo vehicles come and go in embedded mode; null turns the traffic off. */
    public void demoTrafficEvery(Duration period) { demoTrafficEvery = period; }

    /** Stops the demo traffic and the embedded engine if this console started one. */
    public void shutdown() {
        if (demoTraffic != null) demoTraffic.cancel();
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
        if (useEmbedded && !found.isEmpty()) {
            DemoFeed.prepare(client, found.getFirst(), demoSessions);
            found = client.sites();
        }
        var version = health.version() != null ? health.version()
                : useEmbedded && runningEngine.version() != null ? runningEngine.version() : "unknown";
        return new Opened(client, version, found, useEmbedded);
    }

    private void startDemoTraffic(String siteId) {
        var client = api;
        demoTraffic = background.every(demoTrafficEvery, () -> {
            var turn = demoTurn++;
            background.submit(_ -> { DemoFeed.step(client, siteId, turn, demoSessions); return null; },
                    _ -> {}, e -> error.set("Demo traffic: " + e.getMessage()));
        });
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
        if (demo && demoTrafficEvery != null && demoTraffic == null) startDemoTraffic(opened.sites().getFirst().siteId());
        var remembered = settings.load().siteId();
        chooseSite(opened.sites().stream().filter(s -> s.siteId().equals(remembered)).findFirst()
                .orElse(opened.sites().getFirst()));
    }

    private void failed(Throwable failure) {
        state.set(ConnectionState.FAILED);
        error.set(EngineException.describe(failure));
    }
}
