package dev.dynamo.server;

import dev.dynamo.api.ApiContext;
import dev.dynamo.contract.ApiProblem;
import dev.dynamo.api.EngineApi;
import dev.dynamo.history.DecisionLog;
import dev.dynamo.history.DecisionRetention;
import dev.dynamo.history.HistoryService;
import dev.dynamo.site.DecisionSink;
import dev.dynamo.site.SiteEnvironment;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.SiteView;
import dev.dynamo.site.SystemTimers;
import dev.dynamo.site.Timers;
import dev.dynamo.store.Store;
import dev.dynamo.store.Stores;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine, composed and running: store, decision log, sites, HTTP API and plugins on one port.
 * Embeddable: the console starts one in-process.
 */
public final class EngineServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineServer.class);

    private final Javalin app;
    private final SiteRegistry sites;
    private final String host;
    private final Deque<AutoCloseable> closeables;

    private EngineServer(Javalin app, SiteRegistry sites, String host, Deque<AutoCloseable> closeables) {
        this.app = app;
        this.sites = sites;
        this.host = host;
        this.closeables = closeables;
    }

    /** Starts an engine; throws {@link EngineStartException} with a message for a person when it cannot. */
    public static EngineServer start(EngineOptions options) {
        requireKeyOffLoopback(options);
        var fileSites = SiteSetup.read(options);
        var closeables = new ArrayDeque<AutoCloseable>();
        try {
            var store = open(options);
            closeables.push(store);
            var decisionLog = new DecisionLog(store);
            closeables.push(decisionLog);
            Timers timers = options.timers() != null ? options.timers() : new SystemTimers(options.clock());
            closeables.push(timers);
            var sites = new SiteRegistry(new SiteEnvironment(options.clock(), store, sinkOf(decisionLog), timers,
                    options.commLossGrace()));
            closeables.push(sites);
            closeables.push(new DecisionRetention(store, options.clock(), options.retainDecisions(),
                    () -> sites.views().stream().map(SiteView::siteId).toList()).start());
            sites.load();
            SiteSetup.apply(sites, fileSites, options);

            var extensions = new ArrayList<Consumer<JavalinConfig>>();
            extensions.add(EngineServer::acceptStorms);
            if (options.plugins().stream().noneMatch(TlsPlugin.class::isInstance)) {
                extensions.add(config -> plainConnector(config, options));
            }
            options.plugins().forEach(plugin -> extensions.add(config -> plugin.install(config, sites, options)));
            // plugins stop before the sites they use (and after the app that serves them)
            options.plugins().forEach(closeables::push);
            var app = EngineApi.create(new ApiContext(sites, new HistoryService(store, decisionLog), options.clock(),
                    options.apiKey(), extensions, () -> health(store, decisionLog)));
            sites.decideAll();
            app.start(options.bindAddress(), options.port());
            closeables.push(app::stop);
            var server = new EngineServer(app, sites, options.bindAddress(), closeables);
            LOG.info("engine listening on {} ({} sites{})", server.baseUri(), sites.views().size(),
                    options.apiKey() == null ? "" : ", API key required");
            warnWithoutTls(server, options.bindAddress());
            return server;
        } catch (RuntimeException e) {
            closeAll(closeables);
            if (e instanceof EngineStartException) throw e;
            throw new EngineStartException(messageOf(e), e);
        }
    }

    /**
     * Connections waiting to be accepted, per listening port. After a restart every charger of every site connects
     * within a second; with Java's default of 50 the kernel drops the handshakes beyond it and the chargers' TCP
     * retries them after 1, 3, 7, 15… s (storms of 1,000 took 9 to 54 s now and then). The kernel caps it at
     * {@code net.core.somaxconn}.
     */
    static final int ACCEPT_QUEUE = 4096;

    /** Sets {@link #ACCEPT_QUEUE} on every connector, Javalin's and the plugins', when the server binds them. */
    private static void acceptStorms(JavalinConfig config) {
        config.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (var connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector listening) listening.setAcceptQueueSize(ACCEPT_QUEUE);
                }
            }
        }));
    }

    /**
     * The plain HTTP connector, as Javalin's own but with WebSocket frames handled on the thread that read them
     * ({@link InPlaceWebSocketConnector}); with TLS the plugin's connector serves the port instead.
     */
    private static void plainConnector(JavalinConfig config, EngineOptions options) {
        config.jetty.addConnector((server, http) -> {
            var connector = new InPlaceWebSocketConnector(server, new HttpConnectionFactory(http));
            connector.setHost(options.bindAddress());
            connector.setPort(options.port());
            return connector;
        });
    }

    /** The accept queue of the first connector, for tests. */
    int acceptQueueSize() {
        return app.jettyServer().server().getConnectors()[0] instanceof ServerConnector listening
                ? listening.getAcceptQueueSize() : -1;
    }

    public int port() { return app.port(); }

    /** {@code http://host:port}, or {@code https://} when a plugin serves the port over TLS. */
    public URI baseUri() {
        var shownHost = host.contains(":") ? "[" + host + "]" : host;
        var tls = java.util.Arrays.stream(app.jettyServer().server().getConnectors())
                .anyMatch(c -> c.getProtocols().stream().anyMatch(p -> p.toLowerCase(java.util.Locale.ROOT).startsWith("ssl")));
        return URI.create((tls ? "https://" : "http://") + shownHost + ":" + port());
    }

    /** The live sites, for in-process callers (the console's tests, the simulator). */
    public SiteRegistry sites() { return sites; }

    @Override
    public void close() {
        closeAll(closeables);
        LOG.info("engine stopped");
    }

    private static DecisionSink sinkOf(DecisionLog log) {
        return new DecisionSink() {
            @Override
            public void record(dev.dynamo.store.DecisionRecord decision) {
                log.record(decision);
            }

            @Override
            public boolean backlogged() {
                return log.backlogged();
            }
        };
    }

    /** How long /health waits for the store's answer: a load balancer's probe must not hang on a hung database. */
    static final Duration HEALTH_WAIT = Duration.ofSeconds(2);

    /** What {@code GET /health} names: the store when it does not answer or cannot write, a full decision log. */
    private static Map<String, String> health(Store store, DecisionLog log) {
        var problems = new LinkedHashMap<String, String>();
        var answer = new CompletableFuture<Optional<String>>();
        Thread.ofVirtual().name("health-probe").start(() -> {
            try {
                answer.complete(store.problem());
            } catch (RuntimeException e) {
                answer.complete(Optional.of(e.getMessage()));
            }
        });
        try {
            answer.get(HEALTH_WAIT.toMillis(), TimeUnit.MILLISECONDS).ifPresent(problem -> problems.put("store", problem));
        } catch (TimeoutException e) {
            problems.put("store", "does not answer within " + HEALTH_WAIT.toMillis() + " ms");
        } catch (ExecutionException e) {
            problems.put("store", String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.put("store", "interrupted while asking it");
        }
        log.problem().ifPresent(problem -> problems.put("decision_log", problem));
        return problems;
    }

    private static Store open(EngineOptions options) {
        try {
            return Stores.open(options.dbUrl(), options.dataDir());
        } catch (RuntimeException e) {
            throw new EngineStartException("cannot open the database: " + messageOf(e), e);
        }
    }

    private static void requireKeyOffLoopback(EngineOptions options) {
        if (options.apiKey() != null) return;
        boolean loopback;
        try {
            loopback = InetAddress.getByName(options.bindAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new EngineStartException("cannot bind to " + options.bindAddress() + ": unknown host");
        }
        if (!loopback) {
            throw new EngineStartException("refusing to listen on " + options.bindAddress()
                    + " without an API key: give --api-key (or DYNAMO_API_KEY), or bind to 127.0.0.1");
        }
    }

    /** Beyond loopback without TLS, API keys and charger passwords cross the network in clear text. */
    private static void warnWithoutTls(EngineServer server, String bindAddress) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback && server.baseUri().getScheme().equals("http")) {
            LOG.warn("listening on {} without TLS: the API key and the chargers' passwords cross the network in clear "
                    + "text; give --tls-keystore, or put a TLS proxy in front", bindAddress);
        }
    }

    private static String messageOf(Throwable e) {
        if (e instanceof ApiProblem problem) return problem.getMessage();
        var message = e.getMessage();
        if (e.getCause() != null && (message == null || message.isBlank() || message.equals(e.getCause().toString()))) {
            return messageOf(e.getCause());
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static void closeAll(Deque<AutoCloseable> closeables) {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                LOG.warn("error while stopping the engine", e);
            }
        }
    }
}
