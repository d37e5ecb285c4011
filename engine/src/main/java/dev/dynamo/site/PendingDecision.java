package dev.dynamo.site;

/**
 * The events a site has taken in whose decision is still to come, when that decision may wait for the events
 * already queued: a charger's connection taken in or lost, its comm-loss grace ending. One decision then covers
 * every such event noted until it is made — a reconnect or disconnect storm of a site's n chargers is one
 * decision, not n each sending limits to all — and any other decision made first covers them as well (it sees
 * the site as they left it). Used on the site's thread only.
 *
 * <p>The decision records the trigger of the first event it covers (contract 7.4 has one trigger per decision);
 * a decision made for another event records that event's.
 */
final class PendingDecision {
    private enum State {
        /** Every event taken in so far is covered by a decision made. */
        DECIDED,
        /** Events wait for their decision, and a task to make it is queued behind the site's events. */
        QUEUED,
        /**
         * Another decision covered the events while the queued task was still waiting: the task finds
         * nothing left to decide, unless events come in meanwhile.
         */
        TAKEN_BEFORE_ITS_TASK
    }

    private State state = State.DECIDED;
    /** The trigger of the first event not decided yet (null when none waits). */
    private Trigger first;

    /** Notes an event; true when a task must be queued to decide it (none is queued yet). */
    boolean note(Trigger trigger) {
        if (first == null) first = trigger;
        if (state == State.QUEUED || state == State.TAKEN_BEFORE_ITS_TASK) {
            state = State.QUEUED;
            return false;
        }
        state = State.QUEUED;
        return true;
    }

    /** The queued task runs: the trigger to decide with, or null when a decision already covered every event. */
    Trigger due() {
        var trigger = state == State.QUEUED ? first : null;
        state = State.DECIDED;
        return trigger;
    }

    /** Whether a task to decide is queued and has not run yet. */
    boolean queued() {
        return state != State.DECIDED;
    }

    /** A decision was made: it covers every event noted before it. */
    void decided() {
        first = null;
        if (state == State.QUEUED) state = State.TAKEN_BEFORE_ITS_TASK;
    }
}
