package dev.dynamo.contract;

import dev.dynamo.allocation.Phase;
import java.util.Map;

/**
 * A Modbus TCP meter (contract 9.1): where it is, how often it is polled, and how its registers are read.
 *
 * @param registers the explicit register map, or null for SunSpec (AC meter models 201–204)
 */
public record ModbusSettings(String host, int port, int unitId, int pollIntervalMs, Registers registers) {
    public boolean sunspec() { return registers == null; }

    /** An explicit map: total power in W and, optionally, the current of each phase in A. */
    public record Registers(Register powerW, Map<Phase, Register> currentA) {
        public Registers {
            currentA = Map.copyOf(currentA);
        }
    }

    /** One value: {@code value × scale} is W or A; {@code address} is the 0-based protocol address. */
    public record Register(int address, Function function, Type type, WordOrder wordOrder, double scale) {}

    public enum Function { HOLDING, INPUT }

    public enum Type {
        INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2);

        public final int words;

        Type(int words) { this.words = words; }
    }

    public enum WordOrder { BIG, LITTLE }
}
