package dev.dynamo.console.task;

/** A handle on background work; once cancelled its callbacks are never called. */
public interface Job {
    void cancel();

    boolean cancelled();

    Job DONE = new Job() {
        @Override
        public void cancel() {}

        @Override
        public boolean cancelled() { return false; }
    };
}
