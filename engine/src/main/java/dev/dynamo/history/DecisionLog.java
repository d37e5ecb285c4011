package dev.dynamo.history;

import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends decisions to the store off the request path: {@link #record} only queues, one background
 * thread writes what is queued in batches every {@code flushEvery}. A failed write keeps its batch and
 * is retried, backing off up to {@link #MAX_RETRY_DELAY}, so nothing is lost while the store is down.
 */
public final class DecisionLog implements AutoCloseable {
    public static final Duration DEFAULT_FLUSH_EVERY = Duration.ofMillis(200);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);
    private static final int BATCH_SIZE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

    private final Store store;
    private final long flushEveryMs;
    private final ConcurrentLinkedQueue<DecisionRecord> queued = new ConcurrentLinkedQueue<>();
    /** Held while writing, so that batches reach the store in the order they were recorded. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Drained from the queue but not yet written; guarded by writeLock. */
    private final List<DecisionRecord> unwritten = new ArrayList<>();
    private final ScheduledExecutorService writer;
    private volatile boolean closed;
    private long retryDelayMs;

    public DecisionLog(Store store) {
        this(store, DEFAULT_FLUSH_EVERY);
    }

    public DecisionLog(Store store, Duration flushEvery) {
        this.store = store;
        this.flushEveryMs = flushEvery.toMillis();
        this.retryDelayMs = flushEveryMs;
        var executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("decision-log").daemon(true).factory());
        // close() lets a running write finish (no interrupt mid-transaction) but drops the next tick
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.writer = executor;
        writer.schedule(this::writeInBackground, flushEveryMs, TimeUnit.MILLISECONDS);
    }

    /** Queues a decision; never blocks and never touches the store. */
    public void record(DecisionRecord decision) {
        if (closed) throw new IllegalStateException("decision log is closed");
        queued.add(decision);
    }

    /** Writes every decision recorded so far before returning; throws if the store fails (they stay queued). */
    public void flush() {
        writeLock.lock();
        try {
            for (DecisionRecord decision; (decision = queued.poll()) != null; ) unwritten.add(decision);
            while (!unwritten.isEmpty()) {
                var batch = unwritten.subList(0, Math.min(BATCH_SIZE, unwritten.size()));
                store.appendDecisions(List.copyOf(batch));
                batch.clear();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Decisions recorded but not yet known to be in the store. */
    public int pendingCount() {
        writeLock.lock();
        try {
            return queued.size() + unwritten.size();
        } finally {
            writeLock.unlock();
        }
    }

    private void writeInBackground() {
        try {
            flush();
            retryDelayMs = flushEveryMs;
        } catch (RuntimeException e) {
            LOG.warn("could not write {} decisions, retrying in {} ms: {}", pendingCount(), retryDelayMs, e.toString());
            retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_DELAY.toMillis());
        }
        try {
            if (!closed) writer.schedule(this::writeInBackground, retryDelayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException _) {
            // closed meanwhile: close() writes what is left
        }
    }

    /** Stops the writer and writes what is left; a store failure here is logged with what is lost. */
    @Override
    public void close() {
        closed = true;
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("closing with {} decisions not written", pendingCount(), e);
            throw e;
        }
    }
}
