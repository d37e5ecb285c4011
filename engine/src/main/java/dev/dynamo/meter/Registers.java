package dev.dynamo.meter;

import dev.dynamo.contract.ModbusSettings;

/** Decoding of Modbus register words (16-bit, unsigned as read) into numbers, per contract 9.1's register types. */
final class Registers {
    /** SunSpec's "not implemented" value of an int16 point and of a scale factor. */
    static final int SUNSPEC_NOT_IMPLEMENTED_INT16 = 0x8000;

    private Registers() {}

    /** The value of {@code words} (as many as the type needs, in the order read) as the type says. */
    static double decode(int[] words, ModbusSettings.Type type, ModbusSettings.WordOrder order) {
        return switch (type) {
            case INT16 -> (short) words[0];
            case UINT16 -> words[0] & 0xFFFF;
            case INT32 -> (int) joined(words, order);
            case UINT32 -> joined(words, order) & 0xFFFF_FFFFL;
            case FLOAT32 -> Float.intBitsToFloat((int) joined(words, order));
        };
    }

    private static long joined(int[] words, ModbusSettings.WordOrder order) {
        int high = order == ModbusSettings.WordOrder.BIG ? words[0] : words[1];
        int low = order == ModbusSettings.WordOrder.BIG ? words[1] : words[0];
        return ((long) (high & 0xFFFF) << 16) | (low & 0xFFFF);
    }
}
