package dev.dynamo.site;

import dev.dynamo.store.DecisionRecord;

/** Where decisions go to be recorded (the history's batched decision log). Must not block for long. */
@FunctionalInterface
public interface DecisionSink {
    void record(DecisionRecord decision);

    /** False for a sink that drops every record (the offline simulation): no record is made for it. */
    default boolean keepsRecords() {
        return true;
    }

    /** Drops every decision: for a site layer whose decisions only its listeners hear (the offline simulation). */
    DecisionSink DISCARD = new DecisionSink() {
        @Override
        public void record(DecisionRecord decision) {}

        @Override
        public boolean keepsRecords() {
            return false;
        }
    };

    /** True while the sink holds as many decisions as it can: the sites refuse requests that would add one. */
    default boolean backlogged() {
        return false;
    }
}
