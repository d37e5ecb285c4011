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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends decisions to the store off the request path: {@link #record} only queues, one background
 * thread writes what is queued in batches every {@code flushEvery}. A failed write keeps its batch and
 * is retried, backing off up to {@link #MAX_RETRY_DELAY}, so nothing is lost while the store is down.
 *
 * <p>The queue is bounded: from {@code capacity} decisions waiting on it the log is {@link #backlogged()}
 * (the sites then refuse requests that would add to it, with 503, and {@code /health} says so); decisions
 * the sites make by themselves (timers) are still queued up to twice the capacity, then dropped and
 * counted, so a store that fails for hours costs bounded memory.
 */
public final class DecisionLog implements AutoCloseable {
    public static final Duration DEFAULT_FLUSH_EVERY = Duration.ofMillis(200);
    /** About 20 MB of decisions of 100-charger sites. */
    public static final int DEFAULT_CAPACITY = 20_000;
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);
    /** How long close() waits, in all, for a write under way before it gives up on what is left. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final int BATCH_SIZE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

    private final Store store;
    private final long flushEveryMs;
    private final int capacity;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
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
        this(store, flushEvery, DEFAULT_CAPACITY);
    }

    public DecisionLog(Store store, Duration flushEvery, int capacity) {
        this.store = store;
        this.capacity = capacity;
        this.flushEveryMs = flushEvery.toMillis();
        this.retryDelayMs = flushEveryMs;
        var executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("decision-log").daemon(true).factory());
        // close() lets a running write finish (no interrupt mid-transaction) but drops the next tick
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.writer = executor;
        writer.schedule(this::writeInBackground, flushEveryMs, TimeUnit.MILLISECONDS);
    }

    /** Queues a decision; never blocks and never touches the store. Past twice the capacity it is dropped. */
    public void record(DecisionRecord decision) {
        if (closed) throw new IllegalStateException("decision log is closed");
        if (pending.get() >= 2 * capacity) {
            if (dropped.getAndIncrement() % 1_000 == 0) {
                LOG.error("the store has not taken decisions for long: {} waiting, {} dropped", pending.get(), dropped.get());
            }
            return;
        }
        pending.incrementAndGet();
        queued.add(decision);
    }

    /** Writes every decision recorded so far before returning; throws if the store fails (they stay queued). */
    public void flush() {
        writeLock.lock();
        try {
            writeAll();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * As {@link #flush()}, but waits at most {@code wait} for a write under way and never throws: false when
     * something could not be written (a history query then answers from what is stored).
     */
    public boolean tryFlush(Duration wait) {
        try {
            if (!writeLock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            writeAll();
            return true;
        } catch (RuntimeException e) {
            LOG.debug("could not write the queued decisions: {}", e.toString());
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    private void writeAll() {
        for (DecisionRecord decision; (decision = queued.poll()) != null; ) unwritten.add(decision);
        while (!unwritten.isEmpty()) {
            var batch = unwritten.subList(0, Math.min(BATCH_SIZE, unwritten.size()));
            var size = batch.size();
            store.appendDecisions(List.copyOf(batch));
            batch.clear();
            pending.addAndGet(-size);
        }
    }

    /** Decisions recorded but not yet known to be in the store. */
    public int pendingCount() {
        return pending.get();
    }

    /** Decisions dropped because the queue was full (the store failed for long). */
    public long droppedCount() {
        return dropped.get();
    }

    /** True while as many decisions wait as the log holds: requests that would add to them are refused. */
    public boolean backlogged() {
        return pending.get() >= capacity;
    }

    /** Empty when the log keeps up; otherwise what is wrong, for {@code /health}. */
    public java.util.Optional<String> problem() {
        var waiting = pending.get();
        if (waiting < capacity && dropped.get() == 0) return java.util.Optional.empty();
        return java.util.Optional.of(waiting + " decisions wait to be written (capacity " + capacity + ")"
                + (dropped.get() == 0 ? "" : ", " + dropped.get() + " dropped"));
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

    /**
     * Stops the writer and writes what is left; a store failure here is logged with what is lost. Never
     * waits long: a write hung on the store is given {@link #CLOSE_WAIT}, then the log gives up (shutdown
     * does not hang behind it).
     */
    @Override
    public void close() {
        closed = true;
        writer.shutdown();
        var deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            writer.awaitTermination(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            if (!writeLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.error("closing with {} decisions not written: a write to the store did not end", pendingCount());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("closing with {} decisions not written: interrupted", pendingCount());
            return;
        }
        try {
            writeAll();
        } catch (RuntimeException e) {
            LOG.error("closing with {} decisions not written", pendingCount(), e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }
}
