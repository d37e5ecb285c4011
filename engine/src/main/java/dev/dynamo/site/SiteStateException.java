package dev.dynamo.site;

/** An event that the site's current state refuses: an unknown charger, no session, a session already on. */
public final class SiteStateException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, UNPROCESSABLE }

    private final Kind kind;

    public SiteStateException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
