package dev.dynamo.ocpp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler whose delayed tasks run only when the test says so: timeouts tested without sleeps or races. */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private static final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {
        Task(Runnable task) { super(task, null); }

        @Override
        public long getDelay(TimeUnit unit) { return 0; }

        @Override
        public int compareTo(Delayed other) { return 0; }
    }

    private final List<Task> pending = new ArrayList<>();

    /** Runs every task scheduled so far (not those they schedule in turn), as if their delays had passed. */
    void elapse() {
        List<Task> due;
        synchronized (pending) {
            due = List.copyOf(pending);
            pending.clear();
        }
        due.forEach(Task::run); // a cancelled task does nothing when run
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        var task = new Task(command);
        synchronized (pending) {
            pending.add(task);
        }
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) { command.run(); }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() { return List.of(); }

    @Override
    public boolean isShutdown() { return false; }

    @Override
    public boolean isTerminated() { return false; }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }
}
