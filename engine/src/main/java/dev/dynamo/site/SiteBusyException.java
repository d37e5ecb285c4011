package dev.dynamo.site;

/**
 * The site could not take up a request in time (its thread is held up by a slow store, or the decision
 * log is full because the store fails). Nothing of the request was applied; it may be sent again.
 */
public final class SiteBusyException extends RuntimeException {
    public SiteBusyException(String message) {
        // no stack trace: an answer to a load or a fault elsewhere, and may be frequent while it lasts
        super(message, null, false, false);
    }
}
