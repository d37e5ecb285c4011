package dev.dynamo.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ModbusSettings;
import dev.dynamo.contract.ModbusSettings.Function;
import dev.dynamo.contract.ModbusSettings.Register;
import dev.dynamo.contract.ModbusSettings.Type;
import dev.dynamo.contract.ModbusSettings.WordOrder;
import dev.dynamo.server.EngineServer;
import dev.dynamo.testing.TestEngine;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Modbus TCP meter served in the test by j2mod's slave, read under both maps of contract 9.1. */
class ModbusMeterTest {
    private static final int UNIT = 3;
    private ModbusSlave slave;
    private int port;

    @AfterEach
    void stop() {
        if (slave != null) ModbusSlaveFactory.close(slave);
    }

    private SimpleProcessImage serve() throws Exception {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var image = new SimpleProcessImage(UNIT);
        slave = ModbusSlaveFactory.createTCPSlave(port, 2);
        slave.addProcessImage(UNIT, image);
        slave.open();
        return image;
    }

    private static void holding(SimpleProcessImage image, int address, int... words) {
        for (int i = 0; i < words.length; i++) image.addRegister(address + i, new SimpleRegister(words[i] & 0xFFFF));
    }

    /** SunSpec: the marker, a common model (1) to skip, then a meter model. */
    private static void sunspecMeter(SimpleProcessImage image, int model, int wattsRaw, int wattsSf, int ampsSf, int... amps) {
        holding(image, 40000, 0x5375, 0x6E53);
        holding(image, 40002, 1, 66);
        for (int i = 0; i < 66; i++) holding(image, 40004 + i, 0);
        int at = 40070;
        var block = new int[2 + 105];
        block[0] = model;
        block[1] = 105;
        block[2] = 0;
        for (int p = 0; p < 3; p++) block[3 + p] = p < amps.length ? amps[p] : 0x8000;
        block[6] = ampsSf;
        block[18] = wattsRaw;
        block[22] = wattsSf;
        holding(image, at, block);
        holding(image, at + block.length, 0xFFFF, 0);
    }

    private ModbusSettings settings(ModbusSettings.Registers map) {
        return new ModbusSettings("127.0.0.1", port, UNIT, 1000, map);
    }

    @Test
    void sunspec_three_phase_meter_with_scale_factors() throws Exception {
        var image = serve();
        // 8,750 W × 10^1 = 87.5 kW; currents 1201, 980, 1104 × 10^-1 A
        sunspecMeter(image, 203, 8750, 1, -1, 1201, 980, 1104);
        try (var client = new ModbusMeterClient(settings(null), 2000)) {
            var reading = client.read();
            assertThat(reading.powerKw()).isEqualTo(87.5);
            assertThat(reading.currentA().get(Phase.L1)).isCloseTo(120.1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(reading.currentA().get(Phase.L2)).isCloseTo(98.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(reading.currentA().get(Phase.L3)).isCloseTo(110.4, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(reading.measuredAt()).isNull();
        }
    }

    @Test
    void sunspec_single_phase_meter_exporting_has_one_current_and_negative_power() throws Exception {
        var image = serve();
        sunspecMeter(image, 201, -4200, 0, 0, 18);
        try (var client = new ModbusMeterClient(settings(null), 2000)) {
            var reading = client.read();
            assertThat(reading.powerKw()).isEqualTo(-4.2);
            assertThat(reading.currentA()).isEqualTo(Map.of(Phase.L1, 18.0));
        }
    }

    @Test
    void a_device_without_sunspec_marker_or_meter_model_gives_no_reading() throws Exception {
        var image = serve();
        holding(image, 40000, 0, 0);
        try (var client = new ModbusMeterClient(settings(null), 2000)) {
            assertThatThrownBy(client::read).hasMessageContaining("SunS");
        }
    }

    @Test
    void an_explicit_register_map_with_every_type_function_and_word_order() throws Exception {
        var image = serve();
        int bits = Float.floatToIntBits(-12_345.5f);
        holding(image, 10, bits >>> 16, bits & 0xFFFF); // float32, big-endian words: W
        image.addInputRegister(12, new SimpleInputRegister(1234)); // int16 input × 0.1: A
        holding(image, 20, 0x5678, 0x0001); // uint32 little-endian words = 0x00015678 = 87,672 × 0.001 A
        holding(image, 30, -250 & 0xFFFF); // int16 holding: -250 A
        var map = new ModbusSettings.Registers(new Register(10, Function.HOLDING, Type.FLOAT32, WordOrder.BIG, 1),
                Map.of(Phase.L1, new Register(12, Function.INPUT, Type.INT16, WordOrder.BIG, 0.1),
                        Phase.L2, new Register(20, Function.HOLDING, Type.UINT32, WordOrder.LITTLE, 0.001),
                        Phase.L3, new Register(30, Function.HOLDING, Type.INT16, WordOrder.BIG, 1)));
        try (var client = new ModbusMeterClient(settings(map), 2000)) {
            var reading = client.read();
            assertThat(reading.powerKw()).isEqualTo(-12.3455);
            assertThat(reading.currentA().get(Phase.L1)).isCloseTo(123.4, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(reading.currentA().get(Phase.L2)).isCloseTo(87.672, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(reading.currentA().get(Phase.L3)).isEqualTo(-250);
        }
    }

    @Test
    void a_meter_that_does_not_answer_gives_no_reading_within_its_timeout() throws Exception {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var map = new ModbusSettings.Registers(new Register(0, Function.HOLDING, Type.INT16, WordOrder.BIG, 1), Map.of());
        try (var client = new ModbusMeterClient(settings(map), 300)) {
            assertThatThrownBy(client::read).isInstanceOf(Exception.class);
        }
    }

    @TempDir
    Path dir;

    /** The engine polls the meter at its interval and the reading reaches the site as a posted one would. */
    @Test
    void the_engine_polls_a_modbus_meter_and_its_reading_lowers_the_budget() throws Exception {
        var image = serve();
        sunspecMeter(image, 203, 6000, 1, -1, 870, 870, 870); // 60 kW
        var site = """
                {"sites": [{"site_id": "mb", "timezone": "UTC", "grid_connection_capacity_kw": 100,
                  "chargers": [{"charge_point_id": "MB-1", "max_power_kw": 22}, {"charge_point_id": "MB-2", "max_power_kw": 22}],
                  "meters": [{"meter_id": "main", "node": "grid", "source": "modbus", "fallback_load_kw": 90,
                              "modbus": {"host": "127.0.0.1", "port": %d, "unit_id": %d, "poll_interval_ms": 100,
                                         "map": "sunspec"}}]}]}""".formatted(port, UNIT);
        var clock = new dev.dynamo.testing.ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
        var options = TestEngine.options(dir.resolve("data"), TestEngine.sitesFile(dir, site), null, clock,
                new dev.dynamo.testing.ManualTimers(clock)).withPlugin(new ModbusPolling());
        try (var engine = EngineServer.start(options)) {
            var client = new dev.dynamo.testing.HttpTestClient(engine.baseUri());
            assertThat(client.put("/api/v1/smart-charging/sites/mb/config", "{\"max_power_kw\": 80, \"strategy\": \"equal\"}")
                    .status()).isEqualTo(201);
            client.post("/api/v1/sites/mb/chargers/MB-1/session");
            var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            com.fasterxml.jackson.databind.JsonNode allocation;
            do {
                allocation = client.get("/api/v1/smart-charging/sites/mb/allocation").json();
            } while (allocation.get("meters").get(0).get("power_kw").isNull() && System.nanoTime() < deadline);
            assertThat(allocation.get("meters").get(0).get("power_kw").asDouble()).isEqualTo(60);
            assertThat(allocation.get("meters").get(0).get("current_a").get("L2").asDouble()).isEqualTo(87);
            // the body is one view of the site: its budget is the one decided on these meters (AllocationBodiesTest);
            // on failure, the site's decisions say which reading each one saw
            var seen = allocation;
            assertThat(allocation.get("budget").get("grid_headroom_kw").asDouble())
                    .as(() -> "allocation " + seen + "\ndecisions " + client.get("/api/v1/sites/mb/decisions").json())
                    .isEqualTo(40);
            assertThat(allocation.get("budget").get("binding").asText()).isEqualTo("grid_meter");
            assertThat(client.post("/api/v1/sites/mb/meters/main/readings", "{\"power_kw\": 1}").status()).isEqualTo(409);
        }
    }
}
