package dev.dynamo.console.alerts;

import dev.dynamo.console.watch.Alert;
import java.time.Instant;

/**
 * An alert as the list shows it: when it began (the engine's time if it tells, else its first sighting),
 * when it cleared (null while it holds) and whether someone acknowledged it.
 */
public record AlertEntry(Alert alert, Instant since, Instant clearedAt, boolean acknowledged) {
    public boolean open() { return clearedAt == null; }

    /** Open and not acknowledged: counted in the status bar. */
    public boolean needsAttention() { return open() && !acknowledged; }

    AlertEntry withAlert(Alert latest) { return new AlertEntry(latest, since, clearedAt, acknowledged); }

    AlertEntry cleared(Instant at) { return new AlertEntry(alert, since, at, acknowledged); }

    AlertEntry acknowledge() { return new AlertEntry(alert, since, clearedAt, true); }
}
