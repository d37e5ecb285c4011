package dev.dynamo.meter;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.MeterReading;
import dev.dynamo.contract.ModbusSettings;
import java.util.EnumMap;

/**
 * Reads one Modbus TCP meter (contract 9.1) with j2mod: SunSpec AC meter models 201–204 (total W, per-phase
 * A, with their scale factors), found by walking the model chain from the {@code SunS} marker at 40000, or an
 * explicit register map. Not thread-safe: one poll at a time.
 */
final class ModbusMeterClient implements AutoCloseable {
    static final int SUNSPEC_BASE = 40000;
    private static final int SUNS_HIGH = 0x5375; // "Su"
    private static final int SUNS_LOW = 0x6E53; // "nS"
    private static final int END_OF_MODELS = 0xFFFF;
    /** Models read before giving up on finding a meter model. */
    private static final int MAX_MODELS = 32;
    /** Offsets inside a meter model block (ID at 0, L at 1): A, AphA-C, A_SF; W at 18, W_SF at 22. */
    private static final int A_PHASE_A = 3;
    private static final int A_SF = 6;
    private static final int W = 18;
    private static final int W_SF = 22;

    private final ModbusSettings settings;
    private final int timeoutMs;
    private ModbusTCPMaster master;
    /** Where the SunSpec meter model starts, found once per connection. */
    private int sunspecModelAt = -1;

    ModbusMeterClient(ModbusSettings settings, int timeoutMs) {
        this.settings = settings;
        this.timeoutMs = timeoutMs;
    }

    /** One reading (its time is when it arrives); throws when the meter cannot be read or gives no value. */
    MeterReading read() throws Exception {
        if (master == null) {
            master = new ModbusTCPMaster(settings.host(), settings.port(), timeoutMs, false);
            master.connect();
            sunspecModelAt = -1;
        }
        try {
            return settings.sunspec() ? sunspec() : explicit(settings.registers());
        } catch (Exception e) {
            close(); // connect afresh on the next poll
            throw e;
        }
    }

    private MeterReading sunspec() throws Exception {
        if (sunspecModelAt < 0) sunspecModelAt = findMeterModel();
        var block = words(ModbusSettings.Function.HOLDING, sunspecModelAt, W_SF + 1);
        if (block[W] == Registers.SUNSPEC_NOT_IMPLEMENTED_INT16 || block[W_SF] == Registers.SUNSPEC_NOT_IMPLEMENTED_INT16) {
            throw new IllegalStateException("the SunSpec meter does not give its total power (W)");
        }
        double watts = (short) block[W] * Math.pow(10, (short) block[W_SF]);
        EnumMap<Phase, Double> currents = null;
        if (block[A_SF] != Registers.SUNSPEC_NOT_IMPLEMENTED_INT16) {
            currents = new EnumMap<>(Phase.class);
            double scale = Math.pow(10, (short) block[A_SF]);
            for (var phase : Phase.values()) {
                int raw = block[A_PHASE_A + phase.ordinal()];
                // a split- or single-phase meter (201, 202) leaves the phases it does not have unimplemented
                if (raw != Registers.SUNSPEC_NOT_IMPLEMENTED_INT16) currents.put(phase, (short) raw * scale);
            }
            if (currents.isEmpty()) currents = null;
        }
        return new MeterReading(watts / 1000, currents, null);
    }

    /** Walks the SunSpec model chain to the first AC meter model (201–204). */
    private int findMeterModel() throws Exception {
        var marker = words(ModbusSettings.Function.HOLDING, SUNSPEC_BASE, 2);
        if (marker[0] != SUNS_HIGH || marker[1] != SUNS_LOW) {
            throw new IllegalStateException("no SunSpec marker \"SunS\" at " + SUNSPEC_BASE);
        }
        int at = SUNSPEC_BASE + 2;
        for (int i = 0; i < MAX_MODELS; i++) {
            var header = words(ModbusSettings.Function.HOLDING, at, 2);
            if (header[0] == END_OF_MODELS) break;
            if (header[0] >= 201 && header[0] <= 204) return at;
            at += 2 + header[1];
        }
        throw new IllegalStateException("no SunSpec AC meter model (201-204) found");
    }

    private MeterReading explicit(ModbusSettings.Registers map) throws Exception {
        double watts = value(map.powerW());
        EnumMap<Phase, Double> currents = null;
        if (!map.currentA().isEmpty()) {
            currents = new EnumMap<>(Phase.class);
            for (var entry : map.currentA().entrySet()) currents.put(entry.getKey(), value(entry.getValue()));
        }
        return new MeterReading(watts / 1000, currents, null);
    }

    private double value(ModbusSettings.Register register) throws Exception {
        var words = words(register.function(), register.address(), register.type().words);
        return Registers.decode(words, register.type(), register.wordOrder()) * register.scale();
    }

    private int[] words(ModbusSettings.Function function, int address, int count) throws Exception {
        InputRegister[] registers = function == ModbusSettings.Function.HOLDING
                ? master.readMultipleRegisters(settings.unitId(), address, count)
                : master.readInputRegisters(settings.unitId(), address, count);
        if (registers == null || registers.length < count) {
            throw new IllegalStateException("the meter answered " + (registers == null ? 0 : registers.length)
                    + " registers at " + address + ", not " + count);
        }
        var words = new int[count];
        for (int i = 0; i < count; i++) words[i] = registers[i].toUnsignedShort();
        return words;
    }

    @Override
    public void close() {
        if (master != null) {
            master.disconnect();
            master = null;
        }
    }
}
