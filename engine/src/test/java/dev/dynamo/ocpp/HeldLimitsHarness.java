package dev.dynamo.ocpp;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.equal;
import static dev.dynamo.testing.TestSites.onCircuit;
import static dev.dynamo.testing.TestSites.site;

import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.SetChargingProfile.Status;
import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A real site and its {@link ProfilePusher} with chargers the test answers by hand: the pusher's tasks run
 * on the test's thread when it settles, retries when it says so. Each charger tracks the limit in force on
 * it: the TxProfile it accepted last for its transaction, else its TxDefaultProfile's.
 */
final class HeldLimitsHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    final SiteFixture fixture = new SiteFixture(T0);
    final SiteRegistryPort port = new SiteRegistryPort(fixture.registry);
    final ManualScheduler retries = new ManualScheduler();
    final Map<String, Charger> chargers = new LinkedHashMap<>();
    double budgetKw;
    /**
     * The pusher's tasks ({@link Task#pusher}: its serial executor) and its reports to the site (its notices'
     * flushes), in the order they were queued: {@link #settle} runs them all, {@link #runPusher} and
     * {@link #deliverReports} one kind only, so a test can put a site decision between the pusher sending a limit
     * and the site learning it (issue 13's race).
     */
    private final ConcurrentLinkedDeque<Task> tasks = new ConcurrentLinkedDeque<>();

    private record Task(boolean pusher, Runnable run) {}
    final ProfilePusher pusher;

    /** The breaker of {@link #ROW}, per phase: 22.08 kW of 3-phase chargers at 230 V. */
    static final double ROW_A = 32;
    static final double ROW_KW = ROW_A * 230 * 3 / 1000;
    static final String ROW = "row";

    HeldLimitsHarness(double budgetKw, List<String> ids) {
        this(budgetKw, ids, 0);
    }

    /** With the first {@code onRow} chargers behind the breaker {@link #ROW} of {@link #ROW_A} per phase. */
    HeldLimitsHarness(double budgetKw, List<String> ids, int onRow) {
        this(budgetKw, definitions(ids, onRow), onRow > 0 ? List.of(new CircuitDefinition(ROW, null, ROW_A)) : List.of(),
                22 * ids.size());
    }

    private static List<ChargerDefinition> definitions(List<String> ids, int onRow) {
        var definitions = new ArrayList<ChargerDefinition>();
        for (int i = 0; i < ids.size(); i++) {
            definitions.add(i < onRow ? onCircuit(ids.get(i), 22, ROW) : charger(ids.get(i), 22));
        }
        return definitions;
    }

    /** With these chargers and circuits, and a grid connection of {@code capacityKw}. */
    HeldLimitsHarness(double budgetKw, List<ChargerDefinition> definitions, List<CircuitDefinition> circuits, double capacityKw) {
        this.budgetKw = budgetKw;
        fixture.registry.putSite(site("s", capacityKw, null, circuits, definitions), _ -> {});
        fixture.registry.site("s").orElseThrow().storeConfig(_ -> equal(budgetKw, 0, T0));
        pusher = new ProfilePusher("s", port, cp -> Optional.ofNullable(chargers.get(cp)),
                run -> tasks.add(new Task(true, run)), run -> tasks.add(new Task(false, run)),
                retries, java.time.Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMinutes(5));
        port.onDecision(pusher::decision);
        port.onRecount(pusher::counted);
        for (var definition : definitions) {
            var charger = new Charger(definition);
            chargers.put(definition.chargePointId(), charger);
            pusher.connected(charger);
            port.connected("s", charger.chargePointId());
        }
        settle();
        chargers.values().forEach(c -> c.defaults.clear());
    }

    /** Runs the pusher's tasks and the site's events until nothing is left to do. */
    void settle() {
        do {
            Task task;
            while ((task = tasks.poll()) != null) task.run().run();
            fixture.registry.awaitIdle();
        } while (!tasks.isEmpty());
    }

    /** Runs the pusher's own tasks (what it sends, how it takes answers) until none is left; its reports to the site wait. */
    void runPusher() {
        runOnly(true);
    }

    /** Delivers the pusher's reports queued so far (what chargers may draw, accepted limits, states) to the site. */
    void deliverReports() {
        runOnly(false);
    }

    private void runOnly(boolean pusherTasks) {
        for (var more = true; more; ) {
            more = false;
            for (var it = tasks.iterator(); it.hasNext(); ) {
                var task = it.next();
                if (task.pusher() != pusherTasks) continue;
                it.remove();
                task.run().run();
                more = true;
            }
            // what the site does on its own thread may queue more of them
            fixture.registry.awaitIdle();
        }
    }

    /** Neither a task of the pusher nor a report waits. */
    boolean settled() {
        return tasks.isEmpty();
    }

    /** A new config (another budget), decided by the site; the pusher's work on it waits for {@link #runPusher}. */
    void budgetUnsettled(double kw) {
        budgetKw = kw;
        fixture.registry.site("s").orElseThrow().storeConfig(_ -> equal(kw, 0, T0));
        fixture.registry.awaitIdle();
    }

    /** The session on the charger stops and the site decides; the pusher's work on it waits for {@link #runPusher}. */
    void stopUnsettled(String cp) {
        var charger = chargers.get(cp);
        if (charger.transactionId == null) return;
        port.sessionStopped("s", cp, charger.transactionId);
        charger.transactionId = null;
        charger.inForceKw = 0;
        fixture.registry.awaitIdle();
    }

    /** The charger answers its oldest TxProfile; the pusher takes the answer at {@link #runPusher}. */
    void answerUnsettled(String cp, boolean accept) {
        chargers.get(cp).answerOldest(accept);
    }

    private int lastTransactionId;
    /** The highest budget in force when a profile that took effect since {@link #resetApplied} was sent. */
    double appliedUnderBudgetKw;

    void resetApplied() {
        appliedUnderBudgetKw = 0;
    }

    private void applied(Sent sent) {
        appliedUnderBudgetKw = Math.max(appliedUnderBudgetKw, sent.budgetAtSendKw());
    }
    private long ticks;

    void start(String cp) {
        var charger = chargers.get(cp);
        if (charger.transactionId != null) return;
        charger.transactionId = ++lastTransactionId;
        // until its first TxProfile it may draw its TxDefaultProfile limit (sized against the grid capacity)
        charger.inForceKw = port.defaultLimitsKw("s").get(cp);
        port.sessionStarted("s", cp, charger.transactionId);
        settle();
    }

    void stop(String cp) {
        var charger = chargers.get(cp);
        if (charger.transactionId == null) return;
        port.sessionStopped("s", cp, charger.transactionId);
        charger.transactionId = null;
        charger.inForceKw = 0;
        settle();
    }

    /**
     * The charger lets its oldest unanswered TxProfile time out; {@code applied}: it applied it all the same
     * (it may draw that limit now).
     */
    void timeOut(String cp, boolean applied) {
        var charger = chargers.get(cp);
        var sent = charger.unanswered.pollFirst();
        if (sent == null) return;
        if (applied && charger.transactionId != null && charger.transactionId.equals(sent.profile().transactionId())) {
            charger.inForceKw = sent.limitKw();
            applied(sent);
        }
        charger.refusedAt = ++ticks;
        sent.answer().completeExceptionally(new java.util.concurrent.TimeoutException("SetChargingProfile not answered"));
        settle();
    }

    /**
     * The connection drops; {@code appliedLast}: the charger applied the last TxProfile sent to it, which was
     * never answered. It keeps drawing what is in force on it.
     */
    void disconnect(String cp, boolean appliedLast) {
        var charger = chargers.get(cp);
        if (!charger.open) return;
        charger.open = false;
        var last = charger.unanswered.peekLast();
        if (appliedLast && last != null && charger.transactionId != null
                && charger.transactionId.equals(last.profile().transactionId())) {
            charger.inForceKw = last.limitKw();
            applied(last);
        }
        Sent sent;
        while ((sent = charger.unanswered.pollFirst()) != null) {
            sent.answer().completeExceptionally(new java.util.concurrent.CancellationException("connection closed"));
        }
        settle();
        var inFlight = pusher.disconnected(cp);
        settle();
        port.disconnected("s", cp, inFlight.getNow(null));
        settle();
    }

    /**
     * As {@link #disconnect}, as the connector does it, with the pusher's reports still on their way: the pusher
     * takes in what it has queued and the loss, and the site learns of the loss (with what was in flight on the
     * connection) before those reports.
     */
    void disconnectUnsettled(String cp, boolean appliedLast) {
        var charger = chargers.get(cp);
        if (!charger.open) return;
        charger.open = false;
        var last = charger.unanswered.peekLast();
        if (appliedLast && last != null && charger.transactionId != null
                && charger.transactionId.equals(last.profile().transactionId())) {
            charger.inForceKw = last.limitKw();
            applied(last);
        }
        Sent sent;
        while ((sent = charger.unanswered.pollFirst()) != null) {
            sent.answer().completeExceptionally(new java.util.concurrent.CancellationException("connection closed"));
        }
        var inFlight = pusher.disconnected(cp);
        runPusher();
        port.disconnected("s", cp, inFlight.getNow(null));
        fixture.registry.awaitIdle();
    }

    /** A new connection of a charger that was cut off, and its first request on it. */
    void reconnect(String cp) {
        var old = chargers.get(cp);
        if (old.open) return;
        var charger = new Charger(old.definition);
        charger.transactionId = old.transactionId;
        charger.inForceKw = old.inForceKw;
        chargers.put(cp, charger);
        pusher.connected(charger);
        settle();
        port.connected("s", cp);
        settle();
    }

    /** Answers the charger's oldest unanswered TxProfile, if it has one. */
    void answer(String cp, boolean accept) {
        chargers.get(cp).answerOldest(accept);
        settle();
    }

    /** A new config: the same strategy with another budget. */
    void budget(double kw) {
        budgetKw = kw;
        fixture.registry.site("s").orElseThrow().storeConfig(_ -> equal(kw, 0, T0));
        settle();
    }

    /** Answers everything, retries included, until every charger holds its limit. */
    void acceptAll() {
        for (int round = 0; round < 50 && anyUnanswered(); round++) {
            retry();
            chargers.keySet().forEach(cp -> answer(cp, true));
        }
    }

    void retry() {
        retries.runAll();
        settle();
    }

    /** A profile is unanswered, or a retry is due. */
    boolean anyUnanswered() {
        return retries.anyDue() || chargers.values().stream().anyMatch(c -> c.open && !c.unanswered.isEmpty());
    }

    double inForceSumKw() {
        return chargers.values().stream().mapToDouble(c -> c.inForceKw).sum();
    }

    AllocationSnapshot allocation() {
        return fixture.registry.site("s").orElseThrow().view().allocation();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        fixture.close();
    }

    /** A profile sent, and when (a tick of the harness). */
    record Sent(ChargingProfile profile, CompletableFuture<Status> answer, long sentAt, double budgetAtSendKw) {
        double limitKw() {
            return profile.chargingSchedule().chargingSchedulePeriod().getFirst().limit() / 1000;
        }
    }

    final class Charger implements ProfileTarget {
        final ChargerDefinition definition;
        final Deque<Sent> unanswered = new ArrayDeque<>();
        final List<Sent> defaults = new ArrayList<>();
        final List<Double> txLimitsKw = new ArrayList<>();
        Integer transactionId;
        double inForceKw;
        boolean open = true;
        /** When it last refused a limit (a tick of the harness), or -1. */
        long refusedAt = -1;

        Charger(ChargerDefinition definition) {
            this.definition = definition;
        }

        @Override public String chargePointId() { return definition.chargePointId(); }
        @Override public ChargerDefinition charger() { return definition; }
        @Override public boolean isOpen() { return open; }

        @Override
        public CompletableFuture<Status> setChargingProfile(ChargingProfile profile) {
            var sent = new Sent(profile, new CompletableFuture<>(), ++ticks, budgetKw);
            if (profile.chargingProfilePurpose() == ChargingProfile.Purpose.TxDefaultProfile) {
                defaults.add(sent);
                sent.answer.complete(Status.Accepted);
            } else {
                txLimitsKw.add(sent.limitKw());
                unanswered.addLast(sent);
            }
            return sent.answer;
        }

        /**
         * What it may draw now: the limit in force on it, or a TxProfile of its transaction sent and not answered
         * when higher (it may apply that at any moment).
         */
        double mayDrawKw() {
            var kw = inForceKw;
            for (var sent : unanswered) {
                if (transactionId != null && transactionId.equals(sent.profile().transactionId())) kw = Math.max(kw, sent.limitKw());
            }
            return kw;
        }

        void answerOldest(boolean accept) {
            if (!open) return;
            var sent = unanswered.pollFirst();
            if (sent == null) return;
            if (!accept) refusedAt = ++ticks;
            if (accept && transactionId != null && transactionId.equals(sent.profile.transactionId())) {
                inForceKw = sent.limitKw();
                applied(sent);
            }
            sent.answer.complete(accept ? Status.Accepted : Status.Rejected);
        }
    }
}
