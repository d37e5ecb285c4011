package dev.dynamo.site;

import dev.dynamo.store.DecisionRecord;

/** Where decisions go to be recorded (the history's batched decision log). Must not block for long. */
@FunctionalInterface
public interface DecisionSink {
    void record(DecisionRecord decision);
}
