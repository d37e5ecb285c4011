package dev.dynamo.contract;

import java.util.Locale;

/** Where a meter's readings come from (contract 9.1); written in JSON in lower case. */
public enum MeterSource {
    API, MODBUS;

    public String json() { return name().toLowerCase(Locale.ROOT); }
}
