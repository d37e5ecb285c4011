package dev.dynamo.console.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A site meter (contract 9.1): {@code node} is {@code grid} or a circuit id; {@code source} {@code api} or
 * {@code modbus} (then {@code modbus} holds its settings). Optional numbers are null when not given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Meter(String meterId, String node, String source, Integer staleAfterS, Double fallbackLoadKw,
                    Double bufferKw, Modbus modbus) {

    /**
     * Modbus TCP settings; {@code map} is {@code "sunspec"} or an explicit register map, kept as read (a
     * string or a JSON object) so that it goes back unchanged.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Modbus(String host, Integer port, Integer unitId, Integer pollIntervalMs, Object map) {
        public boolean sunspec() { return "sunspec".equals(map); }
    }
}
