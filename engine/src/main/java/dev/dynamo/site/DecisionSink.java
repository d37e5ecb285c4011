package dev.dynamo.site;

import dev.dynamo.store.DecisionRecord;

/** Where decisions go to be recorded (the history's batched decision log). Must not block for long. */
@FunctionalInterface
public interface DecisionSink {
    void record(DecisionRecord decision);

    /** True while the sink holds as many decisions as it can: the sites refuse requests that would add one. */
    default boolean backlogged() {
        return false;
    }
}
