package dev.dynamo.meter;

import dev.dynamo.contract.MeterBounds;
import dev.dynamo.contract.MeterDefinition;
import dev.dynamo.contract.ModbusSettings;
import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EnginePlugin;
import dev.dynamo.site.SiteRegistry;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every Modbus TCP meter of every site at its {@code poll_interval_ms} (contract 9.1, 9.2) and hands
 * each plausible reading to its site, which decides whether it must decide now. A poll that fails, times out
 * or gives a value that is not finite or beyond ten times what the node carries is no reading (logged, at
 * most once a minute per meter while it keeps failing); the site's staleness takes over. Sites and meters
 * added, changed or removed later are followed at the next tick.
 */
public final class ModbusPolling implements EnginePlugin {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusPolling.class);
    private static final long TICK_MS = 50;
    /** A poll waits at most this long for the meter, and never longer than its interval. */
    private static final int MAX_TIMEOUT_MS = 5000;
    private static final long FAILURE_LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private record Key(String siteId, String meterId) {}

    /** One polled meter: its settings, its connection, when it is due, and whether a poll is on its way. */
    private static final class Polled {
        final ModbusSettings settings;
        final ModbusMeterClient client;
        final AtomicBoolean inFlight = new AtomicBoolean();
        long dueNanos;
        long lastFailureLogNanos = Long.MIN_VALUE;
        int failuresSinceLog;

        Polled(ModbusSettings settings, long dueNanos) {
            this.settings = settings;
            this.client = new ModbusMeterClient(settings, Math.min(MAX_TIMEOUT_MS, settings.pollIntervalMs()));
            this.dueNanos = dueNanos;
        }
    }

    private final Map<Key, Polled> polled = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;
    private ExecutorService polls;
    private SiteRegistry sites;

    @Override
    public void install(JavalinConfig app, SiteRegistry sites, EngineOptions options) {
        this.sites = sites;
        this.polls = Executors.newVirtualThreadPerTaskExecutor();
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("modbus-ticker").factory());
        ticker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            var seen = new HashSet<Key>();
            for (var view : sites.views()) {
                for (var meter : view.definition().meters()) {
                    if (meter.modbus() == null) continue;
                    var key = new Key(view.siteId(), meter.meterId());
                    seen.add(key);
                    var state = polled.compute(key, (_, old) -> {
                        if (old != null && old.settings.equals(meter.modbus())) return old;
                        if (old != null) polls.submit(old.client::close);
                        return new Polled(meter.modbus(), now);
                    });
                    if (now - state.dueNanos >= 0 && state.inFlight.compareAndSet(false, true)) {
                        state.dueNanos = now + TimeUnit.MILLISECONDS.toNanos(state.settings.pollIntervalMs());
                        polls.submit(() -> poll(key, meter, state));
                    }
                }
            }
            polled.entrySet().removeIf(e -> {
                if (seen.contains(e.getKey())) return false;
                polls.submit(e.getValue().client::close);
                return true;
            });
        } catch (RuntimeException e) {
            LOG.warn("Modbus polling tick failed", e);
        }
    }

    private void poll(Key key, MeterDefinition meter, Polled state) {
        try {
            var reading = state.client.read();
            var site = sites.site(key.siteId()).orElse(null);
            if (site == null) return;
            if (!MeterBounds.plausible(site.view().definition(), meter, reading)) {
                failed(key, state, "implausible value " + reading.powerKw() + " kW (not finite, or beyond ten times what "
                        + meter.node() + " can carry)");
                return;
            }
            site.polledMeterReading(key.meterId(), reading);
            if (state.failuresSinceLog > 0 || state.lastFailureLogNanos != Long.MIN_VALUE) {
                LOG.info("site {}: Modbus meter {} answers again", key.siteId(), key.meterId());
                state.failuresSinceLog = 0;
                state.lastFailureLogNanos = Long.MIN_VALUE;
            }
        } catch (Exception e) {
            failed(key, state, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            state.inFlight.set(false);
        }
    }

    private static void failed(Key key, Polled state, String why) {
        long now = System.nanoTime();
        state.failuresSinceLog++;
        if (state.lastFailureLogNanos == Long.MIN_VALUE || now - state.lastFailureLogNanos >= FAILURE_LOG_EVERY_NANOS) {
            LOG.warn("site {}: Modbus meter {} at {}:{} gave no reading ({} failed polls): {}", key.siteId(), key.meterId(),
                    state.settings.host(), state.settings.port(), state.failuresSinceLog, why);
            state.lastFailureLogNanos = now;
            state.failuresSinceLog = 0;
        }
    }

    @Override
    public void close() {
        if (ticker != null) ticker.shutdownNow();
        if (polls != null) {
            polls.shutdownNow();
            try {
                polls.awaitTermination(MAX_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        polled.values().forEach(p -> p.client.close());
        polled.clear();
    }
}
