package dev.dynamo.site;

import java.util.Locale;

/** Why a decision was made (contract 7.4); written in JSON in lower case. */
public enum Trigger {
    SESSION_START, SESSION_STOP, CONFIG, SITE, MANUAL, SCHEDULE, CONNECT, DISCONNECT, ROTATION, MEASURED, METER, EXTERNAL;

    public String json() { return name().toLowerCase(Locale.ROOT); }
}
