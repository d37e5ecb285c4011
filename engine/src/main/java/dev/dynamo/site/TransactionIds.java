package dev.dynamo.site;

import dev.dynamo.store.Store;
import dev.dynamo.store.StoreException;

/**
 * OCPP transaction ids that are never reused (contract 8.1), also after a restart or kill -9: ids are
 * reserved in the store a block at a time, before the first of a block is handed out, so an engine that
 * dies skips the rest of its block instead of handing any of them out again.
 */
final class TransactionIds {
    /** Ids reserved per write: a restart skips at most this many. */
    static final int BLOCK = 64;
    private static final int ATTEMPTS = 3;

    private final Store store;
    /** Above every id a stored session holds (a database from before the sequence existed). */
    private long atLeastAbove;
    private long next = 1;
    private long reservedUpTo;

    TransactionIds(Store store) { this.store = store; }

    /** Ids of sessions already stored are never handed out again. */
    synchronized void seen(long transactionId) {
        atLeastAbove = Math.max(atLeastAbove, transactionId);
    }

    synchronized int next() {
        if (next > reservedUpTo) reserve();
        if (next > Integer.MAX_VALUE) throw new IllegalStateException("OCPP transaction ids are used up");
        return (int) next++;
    }

    private void reserve() {
        var above = Math.max(atLeastAbove, reservedUpTo);
        for (var attempt = 1; ; attempt++) {
            try {
                reservedUpTo = store.reserveTransactionIds(above, BLOCK);
                next = reservedUpTo - BLOCK + 1;
                return;
            } catch (StoreException e) {
                // another engine sharing the database reserved meanwhile (PostgreSQL): read the new end again
                if (attempt == ATTEMPTS) throw e;
            }
        }
    }
}
