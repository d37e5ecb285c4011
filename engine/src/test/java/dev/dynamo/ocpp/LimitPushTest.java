package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.ocpp.LimitPush.State;
import dev.dynamo.ocpp.OcppSitePort.ChargerLimit;
import dev.dynamo.site.ProfileStatus;
import org.junit.jupiter.api.Test;

/** The transitions of one charger's TxProfile pushing, and what it may draw in each state. */
class LimitPushTest {
    private static final double DEFAULT_KW = 4.0;
    private final LimitPush push = new LimitPush("A");

    private static ChargerLimit limit(double kw) {
        return new ChargerLimit("A", kw, 3, 7, false);
    }

    private static ChargerLimit limit(double kw, int transactionId) {
        return new ChargerLimit("A", kw, 3, transactionId, false);
    }

    @Test
    void aNewConnectionIsUnsyncedAndMayDrawItsDefault() {
        push.connected();
        assertThat(push.state()).isEqualTo(State.UNSYNCED);
        assertThat(push.mayDrawNowKw(limit(10), DEFAULT_KW)).isEqualTo(DEFAULT_KW);
        assertThat(push.profileState(limit(10))).isNull();
    }

    @Test
    void sentThenAcceptedIsInSyncAtTheAcceptedLimit() {
        push.connected();
        var sent = push.sent(limit(10), 1);
        assertThat(push.state()).isEqualTo(State.SENDING);
        assertThat(push.profileState(limit(10))).isEqualTo(ProfileStatus.State.SENDING);
        // on its way and higher than the default: it may already draw it
        assertThat(push.mayDrawNowKw(limit(10), DEFAULT_KW)).isEqualTo(10.0);
        push.answerCame();
        push.accepted(sent, true, limit(10));
        assertThat(push.state()).isEqualTo(State.IN_SYNC);
        assertThat(push.inSync(limit(10))).isTrue();
        assertThat(push.profileState(limit(10))).isEqualTo(ProfileStatus.State.IN_SYNC);
        assertThat(push.mayDrawNowKw(limit(10), DEFAULT_KW)).isEqualTo(10.0);
        assertThat(push.acceptedLimitKw(limit(10))).isEqualTo(10.0);
    }

    @Test
    void aLowerLimitOnItsWayDoesNotLowerWhatItMayDrawUntilAccepted() {
        push.connected();
        var first = push.sent(limit(10), 1);
        push.answerCame();
        push.accepted(first, true, limit(10));
        var lower = push.sent(limit(6), 2);
        push.lowering(true);
        assertThat(push.state()).isEqualTo(State.LOWERING);
        assertThat(push.mayDrawNowKw(limit(6), DEFAULT_KW)).isEqualTo(10.0);
        push.answerCame();
        push.accepted(lower, true, limit(6));
        push.lowering(false);
        assertThat(push.state()).isEqualTo(State.IN_SYNC);
        assertThat(push.mayDrawNowKw(limit(6), DEFAULT_KW)).isEqualTo(6.0);
    }

    @Test
    void aRefusedLimitWaitsForItsRetryAndIsNotInForce() {
        push.connected();
        var sent = push.sent(limit(10), 1);
        push.answerCame();
        push.refused(sent);
        assertThat(push.retrying(sent)).isEqualTo(1);
        assertThat(push.state()).isEqualTo(State.REFUSED);
        assertThat(push.profileState(limit(10))).isEqualTo(ProfileStatus.State.REFUSED);
        assertThat(push.inFlightKw(limit(10))).isNull();
        // still the latest sending (it will be retried), so counted as on its way
        assertThat(push.mayDrawNowKw(limit(10), DEFAULT_KW)).isEqualTo(10.0);
        var again = push.sent(limit(10), 2);
        assertThat(push.state()).isEqualTo(State.SENDING);
        push.answerCame();
        push.refused(again);
        assertThat(push.retrying(again)).isEqualTo(2);
        push.dropSending(again);
        assertThat(push.mayDrawNowKw(limit(10), DEFAULT_KW)).isEqualTo(DEFAULT_KW);
    }

    @Test
    void anUnansweredRaiseMayBeInForceUntilALaterOneIsAccepted() {
        push.connected();
        var raise = push.sent(limit(16), 1);
        push.answerCame();
        push.unanswered(raise);
        push.dropSending(raise);
        assertThat(push.inFlightKw(limit(16))).isEqualTo(16.0);
        assertThat(push.mayDrawNowKw(limit(8), DEFAULT_KW)).isEqualTo(16.0);
        assertThat(push.inSync(limit(8))).isFalse();
        var later = push.sent(limit(8), 2);
        push.answerCame();
        push.accepted(later, true, limit(8));
        assertThat(push.inFlightKw(limit(8))).isNull();
        assertThat(push.mayDrawNowKw(limit(8), DEFAULT_KW)).isEqualTo(8.0);
        assertThat(push.inSync(limit(8))).isTrue();
    }

    @Test
    void onANewConnectionItMayStillDrawWhatItAcceptedBeforeOrItsDefault() {
        push.connected();
        var accepted = push.sent(limit(16), 1);
        push.answerCame();
        push.accepted(accepted, true, limit(16));
        push.disconnected();
        push.connected();
        assertThat(push.state()).isEqualTo(State.UNSYNCED);
        // it may have kept its TxProfile (16) or let it expire (its default)
        assertThat(push.mayDrawNowKw(limit(8), DEFAULT_KW)).isEqualTo(16.0);
        assertThat(push.mayDrawNowKw(limit(8), 20.0)).isEqualTo(20.0);
        // another transaction's TxProfile is not in force for this one
        assertThat(push.mayDrawNowKw(limit(8, 9), DEFAULT_KW)).isEqualTo(DEFAULT_KW);
    }

    @Test
    void aProfileUnansweredWhenTheConnectionDroppedMayBeInForceOnTheNextOne() {
        push.connected();
        var accepted = push.sent(limit(8), 1);
        push.answerCame();
        push.accepted(accepted, true, limit(8));
        push.sent(limit(18), 2);
        push.disconnected();
        push.connected();
        assertThat(push.mayDrawNowKw(limit(8), DEFAULT_KW)).isEqualTo(18.0);
        assertThat(push.inSync(limit(8))).isFalse();
        var again = push.sent(limit(8), 3);
        push.answerCame();
        push.accepted(again, true, limit(8));
        assertThat(push.mayDrawNowKw(limit(8), DEFAULT_KW)).isEqualTo(8.0);
        assertThat(push.inSync(limit(8))).isTrue();
    }

    @Test
    void anAnswerForAnOlderSendingDoesNotPassForTheNewer() {
        push.connected();
        var older = push.sent(limit(10), 1);
        var newer = push.sent(limit(10), 2);
        assertThat(push.isLatest(newer)).isTrue();
        push.answerCame();
        push.accepted(older, true, limit(10));
        assertThat(push.isLatest(newer)).isTrue();
        assertThat(push.inSync(limit(10))).isFalse(); // the newer is still on the wire
        push.answerCame();
        push.accepted(newer, true, limit(10));
        assertThat(push.inSync(limit(10))).isTrue();
    }

    @Test
    void aSupersededSendingWasNeverSent() {
        push.connected();
        var replaced = push.sent(limit(20), 1);
        push.answerCame();
        push.superseded(replaced);
        assertThat(push.hasSending()).isFalse();
        assertThat(push.inFlightKw(limit(20))).isNull();
        assertThat(push.mayDrawNowKw(limit(20), DEFAULT_KW)).isEqualTo(DEFAULT_KW);
    }

    @Test
    void aRaiseWaitsInOrderAndKeepsItsPlaceForTheSameLimit() {
        push.raiseWaits(limit(12), 5);
        assertThat(push.state()).isEqualTo(State.RAISE_WAITING);
        push.raiseWaits(limit(12), 9);
        assertThat(push.raiseOrder()).isEqualTo(5);
        push.raiseWaits(limit(14), 9);
        assertThat(push.raiseOrder()).isEqualTo(9);
        push.newDecision();
        assertThat(push.raiseWaiting()).isNull();
    }

    @Test
    void aDisconnectEndsWhatIsOnTheWireAndAReconnectDoesNotTrustTheAcceptedLimitAsInSync() {
        push.connected();
        var sent = push.sent(limit(10), 1);
        push.answerCame();
        push.accepted(sent, true, limit(10));
        push.sent(limit(5), 2);
        push.lowering(true);
        push.disconnected();
        assertThat(push.isLowering()).isFalse();
        assertThat(push.hasSending()).isFalse();
        // unanswered, it may be in force (contract 8.1: the reservation takes the higher)
        assertThat(push.inFlightKw(limit(5))).isEqualTo(5.0);
        push.connected();
        assertThat(push.state()).isEqualTo(State.UNSYNCED);
        assertThat(push.inSync(limit(10))).isFalse();
        assertThat(push.mayDrawNowKw(limit(10), DEFAULT_KW)).isEqualTo(10.0);
    }

    @Test
    void anotherTransactionDoesNotInheritTheAcceptedLimit() {
        push.connected();
        var sent = push.sent(limit(10, 7), 1);
        push.answerCame();
        push.accepted(sent, true, limit(10, 7));
        assertThat(push.mayDrawNowKw(limit(10, 8), DEFAULT_KW)).isEqualTo(DEFAULT_KW);
        assertThat(push.acceptedLimitKw(limit(10, 8))).isNull();
    }

    @Test
    void anAcceptOnAnOldConnectionDoesNotSyncTheNewOne() {
        push.connected();
        var sent = push.sent(limit(10), 1);
        push.connected();
        push.answerCame();
        push.accepted(sent, false, limit(10));
        assertThat(push.state()).isEqualTo(State.UNSYNCED);
        assertThat(push.inSync(limit(10))).isFalse();
    }

    @Test
    void aLimitAcceptedOnAConnectionGoneSinceMayStillBeDrawn() {
        var sent = push.sent(limit(18), 1);
        push.disconnected(); // the answer came before the loss; the pusher takes it after
        push.answerCame();
        push.accepted(sent, false, limit(18));
        assertThat(push.inFlightKw(limit(18))).isEqualTo(18.0);
        push.connected();
        assertThat(push.mayDrawNowKw(limit(10), DEFAULT_KW)).isEqualTo(18.0);
        assertThat(push.state()).isEqualTo(State.UNSYNCED);

        var lower = push.sent(limit(10), 2);
        push.answerCame();
        push.accepted(lower, true, limit(10));
        assertThat(push.mayDrawNowKw(limit(10), DEFAULT_KW)).isEqualTo(10.0);
    }
}
