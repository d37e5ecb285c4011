package dev.dynamo.store;

import java.time.Duration;

/**
 * How long the store may keep a caller waiting, so that a hung database turns into an error instead of
 * a frozen site. A write that started is bounded by {@code statement} (and, on PostgreSQL, by the
 * socket time-out behind it).
 *
 * @param connectionWait how long a caller waits for a free connection (and for PostgreSQL's connect and login)
 * @param statement      how long one write statement, or one round trip of a read, may take
 * @param historyQuery   how long a history or decisions query may run before it is cancelled
 */
public record StoreTimeouts(Duration connectionWait, Duration statement, Duration historyQuery) {
    public static final StoreTimeouts DEFAULT =
            new StoreTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** PostgreSQL's socket time-out: a read that waits longer fails, even when a cancel cannot get through. */
    Duration socket() {
        return statement.plus(historyQuery);
    }

    int statementSeconds() {
        return (int) Math.max(1, statement.toSeconds());
    }
}
