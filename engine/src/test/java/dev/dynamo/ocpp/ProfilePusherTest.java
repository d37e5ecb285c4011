package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.ocpp.OcppSitePort.ChargerLimit;
import dev.dynamo.ocpp.OcppSitePort.SiteCounts;
import dev.dynamo.ocpp.OcppSitePort.SiteLimits;
import dev.dynamo.site.PublishedCount;
import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.SetChargingProfile.Status;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.RateUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfilePusherTest {
    private final FakeSitePort port = new FakeSitePort()
            .charger("s", "A", 22, RateUnit.W, 3).charger("s", "B", 22, RateUnit.W, 3).charger("s", "C", 11, RateUnit.A, 3);
    private final Map<String, FakeCharger> chargers = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    /** Runs the pusher's tasks at once on the calling thread: the test sees every step in order. */
    private final ProfilePusher pusher = new ProfilePusher("s", port, cp -> Optional.ofNullable(chargers.get(cp)),
            Runnable::run, Runnable::run, timer, clock, Duration.ofMinutes(5));

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** A connected charger whose answers the test gives by hand. */
    private final class FakeCharger implements ProfileTarget {
        final ChargerDefinition definition;
        final List<ChargingProfile> received = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Status>> answers = new CopyOnWriteArrayList<>();
        boolean open = true;

        FakeCharger(String id) {
            definition = port.chargers.get(id).charger();
        }

        @Override public String chargePointId() { return definition.chargePointId(); }
        @Override public ChargerDefinition charger() { return definition; }
        @Override public boolean isOpen() { return open; }

        @Override
        public CompletableFuture<Status> setChargingProfile(ChargingProfile profile) {
            received.add(profile);
            var answer = new CompletableFuture<Status>();
            answers.add(answer);
            return answer;
        }

        List<Double> txLimits() {
            return received.stream().filter(p -> p.chargingProfilePurpose() == ChargingProfile.Purpose.TxProfile)
                    .map(p -> p.chargingSchedule().chargingSchedulePeriod().getFirst().limit()).toList();
        }

        void answerLast(Status status) {
            answers.getLast().complete(status);
        }
    }

    private FakeCharger connect(String id) {
        var charger = new FakeCharger(id);
        chargers.put(id, charger);
        pusher.connected(charger);
        charger.answerLast(Status.Accepted); // its TxDefaultProfile
        return charger;
    }

    private static SiteLimits limits(ChargerLimit... limits) {
        return new SiteLimits("s", List.of(limits));
    }

    /**
     * A decision lowering A (15 → 8 kW) and raising B (15 → 22 kW) as a site counts it while A's lowering is not
     * accepted: A at what it may draw, B's raise waiting (it does not fit without A's difference).
     */
    private static SiteLimits held(ChargerLimit... limits) {
        return new SiteLimits("s", List.of(limits), Map.of("A", 15.0, "B", 15.0), new PublishedCount(1, false));
    }

    /** The site counts its chargers again, each at its target (A's lowering is accepted): B's raise is cleared. */
    private void siteCountsAtTargets() {
        pusher.counted(new SiteCounts("s", Map.of("A", 8.0, "B", 22.0), new PublishedCount(2, true)));
    }

    private static ChargerLimit limit(String cp, double kw, int tx) {
        return new ChargerLimit(cp, kw, 3, tx, false);
    }

    @Test
    void a_connecting_charger_gets_its_default_profile_in_its_own_unit() {
        var c = connect("C");

        var profile = c.received.getFirst();
        assertThat(profile.chargingProfilePurpose()).isEqualTo(ChargingProfile.Purpose.TxDefaultProfile);
        assertThat(profile.chargingSchedule().chargingRateUnit()).isEqualTo(ChargingProfile.RateUnit.A);
        assertThat(profile.chargingSchedule().chargingSchedulePeriod().getFirst().limit()).isEqualTo(15.9); // 11 kW / 690 V
        assertThat(profile.chargingSchedule().chargingSchedulePeriod().getFirst().numberPhases()).isEqualTo(3);
    }

    @Test
    void raised_limits_wait_until_every_lowered_one_is_accepted() {
        var a = connect("A");
        var b = connect("B");
        pusher.decision(limits(limit("A", 15, 1), limit("B", 15, 2)));
        a.answerLast(Status.Accepted);
        b.answerLast(Status.Accepted);

        pusher.decision(held(limit("A", 8, 1), limit("B", 22, 2)));

        assertThat(a.txLimits()).containsExactly(15000.0, 8000.0);
        assertThat(b.txLimits()).containsExactly(15000.0);
        a.answerLast(Status.Accepted);
        assertThat(port.acknowledgedKw).containsEntry("A", 8.0);
        assertThat(port.mayDrawKw).containsEntry("A", 8.0);
        // a raise goes out on a count of the site that covers it, never before the site has learnt it may
        assertThat(b.txLimits()).containsExactly(15000.0);
        siteCountsAtTargets();
        assertThat(b.txLimits()).containsExactly(15000.0, 22000.0);
        assertThat(port.mayDrawKw).containsEntry("B", 22.0);
        assertThat(port.seenCount).as("the site learns that its count was taken in").isEqualTo(2);
    }

    @Test
    void a_rejected_lowering_is_retried_after_a_second_and_holds_the_raises_back() throws Exception {
        var a = connect("A");
        var b = connect("B");
        pusher.decision(limits(limit("A", 15, 1), limit("B", 15, 2)));
        a.answerLast(Status.Accepted);
        b.answerLast(Status.Accepted);
        pusher.decision(held(limit("A", 8, 1), limit("B", 22, 2)));

        a.answerLast(Status.Rejected);
        assertThat(a.txLimits()).containsExactly(15000.0, 8000.0);
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (a.txLimits().size() < 3 && System.nanoTime() < deadline) Thread.sleep(20); // the retry, after ~1 s

        assertThat(a.txLimits()).containsExactly(15000.0, 8000.0, 8000.0);
        assertThat(b.txLimits()).containsExactly(15000.0);
        assertThat(port.acknowledgedKw).containsEntry("A", 15.0);
        a.answerLast(Status.Accepted);
        siteCountsAtTargets();
        assertThat(b.txLimits()).containsExactly(15000.0, 22000.0);
    }

    @Test
    void a_repeated_decision_does_not_release_raises_while_a_lowering_is_still_being_retried() {
        var a = connect("A");
        var b = connect("B");
        pusher.decision(limits(limit("A", 15, 1), limit("B", 15, 2)));
        a.answerLast(Status.Accepted);
        b.answerLast(Status.Accepted);
        pusher.decision(held(limit("A", 8, 1), limit("B", 22, 2)));
        a.answerLast(Status.Rejected);

        pusher.decision(held(limit("A", 8, 1), limit("B", 22, 2)));

        assertThat(a.txLimits()).containsExactly(15000.0, 8000.0);
        assertThat(b.txLimits()).containsExactly(15000.0);
    }

    @Test
    void the_raises_waiting_for_a_charger_lost_while_lowering_wait_for_the_next_decision() {
        var a = connect("A");
        var b = connect("B");
        pusher.decision(limits(limit("A", 15, 1), limit("B", 15, 2)));
        a.answerLast(Status.Accepted);
        b.answerLast(Status.Accepted);
        pusher.decision(held(limit("A", 8, 1), limit("B", 22, 2)));

        a.open = false;
        pusher.disconnected("A");
        // the site reserves what A may still draw and decides again: B's raise counted on A's lowering
        assertThat(b.txLimits()).containsExactly(15000.0);

        pusher.decision(limits(limit("B", 22, 2)));
        assertThat(b.txLimits()).containsExactly(15000.0, 22000.0);
    }

    @Test
    void an_unchanged_limit_is_not_sent_again_but_a_reconnected_charger_gets_it_anew() {
        var a = connect("A");
        pusher.decision(limits(limit("A", 15, 1)));
        a.answerLast(Status.Accepted);

        pusher.decision(limits(limit("A", 15, 1)));
        assertThat(a.txLimits()).containsExactly(15000.0);

        var again = connect("A");
        pusher.decision(limits(limit("A", 15, 1)));
        assertThat(again.txLimits()).containsExactly(15000.0);
    }

    @Test
    void profiles_carry_the_transaction_and_expire_after_the_grace_period_and_renewal_resends_them() {
        var a = connect("A");
        pusher.decision(limits(limit("A", 15, 7)));
        a.answerLast(Status.Accepted);

        pusher.renew();

        assertThat(a.txLimits()).containsExactly(15000.0, 15000.0);
        var profile = a.received.getLast();
        assertThat(profile.transactionId()).isEqualTo(7);
        assertThat(profile.validTo()).isEqualTo(Instant.parse("2026-11-24T10:05:00Z"));
    }

    @Test
    void offline_chargers_and_sessions_without_a_transaction_get_no_profile() {
        var a = connect("A");
        var b = connect("B");

        pusher.decision(limits(new ChargerLimit("A", 10, 3, 1, true), new ChargerLimit("B", 10, 3, null, false)));

        assertThat(a.txLimits()).isEmpty();
        assertThat(b.txLimits()).isEmpty();
    }

    @Test
    void back_off_doubles_from_one_second_to_at_most_a_minute() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 20)).extracting(ProfilePusher::backoff).extracting(Duration::toSeconds)
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }
}
