package dev.dynamo.contract;

/**
 * A meter of the grid connection or of a circuit (contract 9.1): it measures everything behind its node,
 * the chargers below it included.
 *
 * @param node           {@code grid} or a circuit id
 * @param fallbackLoadKw the load assumed besides the chargers while the meter is stale
 * @param bufferKw       kept free for metering delay (grid meter)
 * @param modbus         how it is polled, or null for a meter whose readings are posted to the API
 */
public record MeterDefinition(String meterId, String node, MeterSource source, int staleAfterS, double fallbackLoadKw,
                              double bufferKw, ModbusSettings modbus) {
    public static final String GRID = "grid";

    public boolean onGrid() { return GRID.equals(node); }
}
