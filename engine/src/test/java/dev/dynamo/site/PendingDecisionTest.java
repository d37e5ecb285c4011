package dev.dynamo.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingDecisionTest {
    private final PendingDecision pending = new PendingDecision();

    @Test
    void theFirstEventQueuesOneTaskAndTheOthersJoinIt() {
        assertThat(pending.note(Trigger.DISCONNECT)).isTrue();
        assertThat(pending.note(Trigger.DISCONNECT)).isFalse();
        assertThat(pending.note(Trigger.CONNECT)).isFalse();
        assertThat(pending.queued()).isTrue();
        // the decision records the first event's trigger
        assertThat(pending.due()).isEqualTo(Trigger.DISCONNECT);
        pending.decided();
        assertThat(pending.queued()).isFalse();
        assertThat(pending.note(Trigger.CONNECT)).isTrue(); // a new event after the decision queues a new task
    }

    @Test
    void aDecisionMadeBeforeTheTaskRunsLeavesTheTaskNothingToDecide() {
        pending.note(Trigger.CONNECT);
        pending.decided(); // e.g. a session start decided first
        assertThat(pending.queued()).isTrue(); // its task is still in the queue
        assertThat(pending.due()).isNull();
        assertThat(pending.queued()).isFalse();
    }

    @Test
    void anEventAfterSuchADecisionIsDecidedByTheTaskStillQueued() {
        pending.note(Trigger.CONNECT);
        pending.decided();
        assertThat(pending.note(Trigger.DISCONNECT)).isFalse(); // the queued task takes it
        assertThat(pending.due()).isEqualTo(Trigger.DISCONNECT);
    }
}
