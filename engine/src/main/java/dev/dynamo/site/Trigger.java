package dev.dynamo.site;

import java.util.Locale;

/** Why a decision was made (contract 7.4); written in JSON in lower case. */
public enum Trigger {
    SESSION_START, SESSION_STOP, CONFIG, SITE, MANUAL, SCHEDULE, CONNECT, DISCONNECT, ROTATION, MEASURED, METER, EXTERNAL,
    /** Contract 10: the 5-minute re-decision while a session has a finite laxity, or a need, departure or energy changed. */
    DEPARTURE;

    public String json() { return name().toLowerCase(Locale.ROOT); }
}
