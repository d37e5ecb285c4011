package dev.dynamo.site;

import dev.dynamo.contract.Session;

import java.time.Duration;
import java.time.Instant;

/**
 * A session's phases in use learned from metered per-phase current (contract 7.1): one phase only
 * after a minute of readings where just one phase draws (a vehicle pausing a phase briefly is not a
 * one-phase vehicle), three as soon as more phases draw again (so the caps rise without delay).
 */
final class PhasesLearned {
    static final Duration ONE_PHASE_AFTER = Duration.ofMinutes(1);

    private PhasesLearned() {}

    /** The new phases in use, or null when the reading changes nothing. */
    static Integer from(ChargerState charger, Session session, int chargerPhases, Integer phasesDrawn, Instant at) {
        if (phasesDrawn == null || chargerPhases == 1) return null;
        if (phasesDrawn != 1) {
            charger.onePhaseSince = null;
            return session.phasesInUse() == 3 ? null : 3;
        }
        if (charger.onePhaseSince == null) charger.onePhaseSince = at;
        var since = charger.onePhaseSince;
        if (session.phasesInUse() == 1 || at.isBefore(since.plus(ONE_PHASE_AFTER))) return null;
        return 1;
    }
}
