package dev.dynamo.ocpp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A scheduler whose one-shot tasks run only when the test says so (the pusher's retries). */
final class ManualScheduler extends ScheduledThreadPoolExecutor {
    private final List<Runnable> due = new ArrayList<>();

    ManualScheduler() {
        super(0);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        due.add(task);
        return new Held();
    }

    synchronized boolean anyDue() {
        return !due.isEmpty();
    }

    /** Runs every task scheduled so far, whatever its delay. */
    void runAll() {
        List<Runnable> tasks;
        synchronized (this) {
            tasks = List.copyOf(due);
            due.clear();
        }
        tasks.forEach(Runnable::run);
    }

    private static final class Held implements ScheduledFuture<Object> {
        @Override public long getDelay(TimeUnit unit) { return 0; }
        @Override public int compareTo(Delayed other) { return 0; }
        @Override public boolean cancel(boolean mayInterrupt) { return false; }
        @Override public boolean isCancelled() { return false; }
        @Override public boolean isDone() { return false; }
        @Override public Object get() { throw new UnsupportedOperationException(); }
        @Override public Object get(long timeout, TimeUnit unit) { throw new UnsupportedOperationException(); }
    }
}
