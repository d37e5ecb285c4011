package dev.dynamo.ocpp;

import dev.dynamo.ocpp.rpc.FrameCodec;
import dev.dynamo.ocpp.v16.Payloads;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import dev.dynamo.contract.SiteDefinition;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCPP-J 1.6 on the engine's HTTP server: {@code ws(s)://HOST:PORT/ocpp/{charge_point_id}}, subprotocol
 * {@code ocpp1.6}. Refuses the upgrade with 404 for an id of no site, 401 for a wrong or missing
 * password, 400 without the subprotocol. A new connection of a charge point replaces and closes the
 * older one. Every decision of a site reaches its connected chargers through that site's
 * {@link ProfilePusher}.
 */
public final class OcppConnector implements AutoCloseable {
    public static final String PATH = "/ocpp/{charge_point_id}";
    private static final Logger log = LoggerFactory.getLogger(OcppConnector.class);

    private final OcppSitePort port;
    private final OcppSettings settings;
    private final OcppContext context;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    /**
     * Where the chargers' requests are handled: the server's own threads once it runs (platform threads, scheduled
     * by the kernel beside the virtual threads of the sites and pushers), else the workers.
     */
    private volatile Executor requests;
    /** The current connection of each charge point. */
    private final Map<String, ChargePointConnection> byChargePoint = new ConcurrentHashMap<>();
    /** Every open socket's connection, by WebSocket session id. */
    private final Map<String, ChargePointConnection> bySocket = new ConcurrentHashMap<>();
    private final Map<String, ProfilePusher> pushers = new ConcurrentHashMap<>();
    /** Message ids need only be unique per connection while a CALL is open: a counter, not a random UUID. */
    private final AtomicLong messageIds = new AtomicLong();
    private final UpgradeGuard guard;

    /**
     * A socket's read buffer. Jetty also starts every text message it takes in with a builder of this size, made
     * anew per message: at its default of 4 KB that was a fifth of what the engine allocated per TxProfile, for
     * answers of about 40 bytes. A charger's messages are mostly a few hundred bytes; a longer one takes a few reads.
     */
    static final int INPUT_BUFFER_BYTES = 512;

    public OcppConnector(OcppSitePort port, OcppSettings settings) {
        this.port = port;
        this.settings = settings;
        var scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("ocpp-timer").daemon().factory());
        // every CALL schedules its time-out and nearly every one is cancelled by its answer: removed at once, a
        // cancelled one does not wake the timer's thread when its time comes (one wake-up per TxProfile before)
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        this.workers = Executors.newVirtualThreadPerTaskExecutor();
        this.requests = workers;
        this.guard = new UpgradeGuard(settings.clock());
        var payloads = Payloads.shared();
        this.context = new OcppContext(port, new FrameCodec(payloads.mapper()), payloads,
                new ChargePointRequests(port, payloads, settings.clock(), settings.heartbeatInterval()),
                timer, settings.callTimeout(), () -> Long.toString(messageIds.incrementAndGet(), 36));
        port.onDecision(limits -> pusher(limits.siteId()).decision(limits));
        port.onRecount(counts -> pusher(counts.siteId()).counted(counts));
        port.onDefinition(this::siteRedefined);
        var renewEvery = Duration.ofMillis(Math.max(1000, settings.commLossGrace().toMillis() / 2));
        timer.scheduleAtFixedRate(() -> pushers.values().forEach(ProfilePusher::renew),
                renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds the OCPP route to an un-started Javalin app. */
    public void register(JavalinConfig config) {
        // A charger may be silent for a heartbeat interval: the socket must outlive that.
        var idle = settings.heartbeatInterval().multipliedBy(2).plusSeconds(30);
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setIdleTimeout(idle);
            factory.setInputBufferSize(INPUT_BUFFER_BYTES);
        });
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new org.eclipse.jetty.ee10.servlet.FilterHolder(new NoHttpSession()), "/ocpp/*",
                java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
        config.jetty.modifyServer(server -> requests = server.getThreadPool());
        config.routes.wsBeforeUpgrade(PATH, this::checkUpgrade);
        config.routes.ws(PATH, this::socket);
    }

    private void checkUpgrade(Context ctx) {
        var id = ctx.pathParam("charge_point_id");
        var info = port.chargePoint(id).orElseThrow(() -> new NotFoundResponse("charge point " + id + " belongs to no site"));
        if (info.charger().ocppPassword() != null) {
            var address = ctx.ip();
            var wait = guard.waitFor(address);
            if (wait.isPresent()) {
                ctx.header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
                throw new HttpResponseException(429, "too many failed authentications from " + address + ": try again later");
            }
            if (!UpgradeCheck.authorised(info, ctx.header("Authorization"))) {
                guard.failed(address);
                log.warn("failed OCPP authentication of charge point {} from {}", Printable.of(id), address);
                ctx.header("WWW-Authenticate", "Basic realm=\"Dynamo OCPP\", charset=\"UTF-8\"");
                throw new UnauthorizedResponse("wrong or missing password for charge point " + id);
            }
            guard.succeeded(address);
        }
        if (!UpgradeCheck.offersSubprotocol(ctx.header("Sec-WebSocket-Protocol"))) {
            throw new BadRequestResponse("the WebSocket subprotocol " + UpgradeCheck.SUBPROTOCOL + " is required");
        }
        if (!guard.mayConnect(id)) {
            log.warn("charge point {} from {} replaces its connection too often: refused", Printable.of(id), ctx.ip());
            ctx.header("Retry-After", Long.toString(UpgradeGuard.REPLACEMENT_INTERVAL.toSeconds()));
            throw new HttpResponseException(429, "charge point " + id + " opens connections too often: "
                    + "at most one a second");
        }
        ctx.header("Sec-WebSocket-Protocol", UpgradeCheck.SUBPROTOCOL);
    }

    private void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            var id = ctx.pathParam("charge_point_id");
            // the connection is bound to its site and charger here, once: no search per message
            var info = port.chargePoint(id);
            if (info.isEmpty()) {
                ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "unknown charge point");
                return;
            }
            var connection = new ChargePointConnection(info.get(), context,
                    new CoalescingWriter(CoalescingWriter.jetty(ctx.session)),
                    reason -> ctx.closeSession(WsCloseStatus.NORMAL_CLOSURE, reason), requests);
            bySocket.put(ctx.sessionId(), connection);
            var older = byChargePoint.put(id, connection);
            if (older != null) {
                log.info("{} reconnected: the older connection is closed", Printable.of(id));
                older.close("replaced by a new connection");
            }
            log.info("{} connected (site {})", Printable.of(id), connection.siteId());
            pusher(connection.siteId()).connected(connection);
        });
        ws.onMessage(ctx -> {
            var connection = bySocket.get(ctx.sessionId());
            if (connection != null) {
                connection.receive(ctx.message());
            }
        });
        ws.onBinaryMessage(ctx -> log.debug("binary frame ignored: OCPP-J is text"));
        // the frames arrive on the thread that read them, which must not wait: the disconnect waits up to 5 s for
        // the pusher (the connection hands the requests to the server's pool)
        ws.onClose(ctx -> {
            try {
                workers.execute(() -> closed(ctx));
            } catch (RejectedExecutionException stopping) {
                closed(ctx);
            }
        });
        ws.onError(ctx -> log.debug("socket error: {}", String.valueOf(ctx.error())));
    }

    private void closed(WsContext ctx) {
        var connection = bySocket.remove(ctx.sessionId());
        if (connection == null) {
            return;
        }
        connection.closed();
        var id = connection.chargePointId();
        if (byChargePoint.remove(id, connection)) {
            log.info("{} disconnected", Printable.of(id));
            // what was on its way unanswered may be in force on the charger: the site reserves it (8.1)
            Double inFlightKw = null;
            try {
                inFlightKw = pusher(connection.siteId()).disconnected(id).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("{}: the limits on its way at the disconnect are not known ({}); the site reserves what it accepted",
                        Printable.of(id), e.toString());
            }
            port.disconnected(connection.siteId(), id, inFlightKw);
        }
    }

    /**
     * A site's definition was replaced: its open connections follow at once (contract 8.1). A charger it no
     * longer has, or whose password changed, is disconnected; the others take the new voltage, unit and
     * phases, and get their default profile and their limit again.
     */
    private void siteRedefined(SiteDefinition site) {
        for (var connection : byChargePoint.values()) {
            if (!connection.siteId().equals(site.siteId())) continue;
            var id = connection.chargePointId();
            var now = site.chargers().stream().filter(c -> c.chargePointId().equals(id)).findFirst();
            if (now.isEmpty()) {
                log.info("{} is no longer a charger of site {}: disconnected", Printable.of(id), site.siteId());
                connection.close("removed from its site");
            } else if (!java.util.Objects.equals(now.get().ocppPassword(), connection.charger().ocppPassword())) {
                log.info("{}: its password changed: disconnected", Printable.of(id));
                connection.close("its password changed");
            } else if (!now.get().equals(connection.charger())) {
                connection.redefine(now.get());
                pusher(site.siteId()).redefined(connection);
            }
        }
    }

    private ProfilePusher pusher(String siteId) {
        return pushers.computeIfAbsent(siteId, id -> {
            var serial = new SerialExecutor(workers);
            // the notices are made on the site's thread when it has one (no hand-off to a worker, no worker waiting)
            var notices = port.noticesExecutor(id).orElseGet(() -> new SerialExecutor(workers));
            return new ProfilePusher(id, port, this::connection, serial, serial::executeHere, notices,
                    timer, settings.clock(), settings.commLossGrace());
        });
    }

    private Optional<ProfileTarget> connection(String chargePointId) {
        return Optional.ofNullable(byChargePoint.get(chargePointId));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        bySocket.values().forEach(ChargePointConnection::closed);
    }
}
