package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.ocpp.rpc.FrameCodec;
import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.Payloads;
import dev.dynamo.contract.RateUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A charge point's requests through the RPC layer to the (fake) site layer and back. */
class ChargePointConnectionTest {
    private final FakeSitePort port = new FakeSitePort().charger("s", "CP-1", 22, RateUnit.W, 3);
    private final Payloads payloads = new Payloads(Payloads.newMapper());
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:15:30.123456Z"), ZoneOffset.UTC);
    private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final ChargePointConnection connection = new ChargePointConnection(port.chargers.get("CP-1"),
            new OcppContext(port, new FrameCodec(payloads.mapper()), payloads,
                    new ChargePointRequests(port, payloads, clock, Duration.ofSeconds(120)), timer, Duration.ofSeconds(30),
                    () -> "our-id"), sent::add, _ -> {});

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private JsonNode answer(String frame) throws Exception {
        connection.receive(frame);
        return payloads.mapper().readTree(sent.getLast());
    }

    @Test
    void the_first_request_on_a_connection_tells_the_site_it_is_connected_once() throws Exception {
        answer("[2,\"1\",\"Heartbeat\",{}]");
        var heartbeat = answer("[2,\"2\",\"Heartbeat\",{}]");

        assertThat(port.calls).containsExactly("connected CP-1");
        assertThat(heartbeat.get(2).get("currentTime").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
    }

    @Test
    void boot_is_accepted_with_the_heartbeat_interval() throws Exception {
        var boot = answer("[2,\"1\",\"BootNotification\",{\"chargePointVendor\":\"Acme\",\"chargePointModel\":\"V\"}]");

        assertThat(boot.get(2).get("status").asText()).isEqualTo("Accepted");
        assertThat(boot.get(2).get("interval").asInt()).isEqualTo(120);
    }

    @Test
    void start_transaction_starts_a_session_with_a_new_transaction_id_and_stop_ends_it() throws Exception {
        var start = answer("[2,\"1\",\"StartTransaction\",{\"connectorId\":1,\"idTag\":\"T\",\"meterStart\":0,"
                + "\"timestamp\":\"2026-11-24T10:00:00Z\"}]");
        var tx = start.get(2).get("transactionId").asInt();
        var stop = answer("[2,\"2\",\"StopTransaction\",{\"meterStop\":10,\"timestamp\":\"2026-11-24T11:00:00Z\","
                + "\"transactionId\":" + tx + ",\"idTag\":\"T\"}]");
        var stopAgain = answer("[2,\"3\",\"StopTransaction\",{\"meterStop\":10,\"timestamp\":\"2026-11-24T11:00:00Z\","
                + "\"transactionId\":" + tx + "}]");

        assertThat(start.get(2).at("/idTagInfo/status").asText()).isEqualTo("Accepted");
        assertThat(port.calls).containsExactly("connected CP-1", "start CP-1 " + tx, "stop " + tx, "stop " + tx);
        assertThat(stop.get(0).asInt()).isEqualTo(3);
        assertThat(stop.get(2).at("/idTagInfo/status").asText()).isEqualTo("Accepted");
        assertThat(stopAgain.get(0).asInt()).isEqualTo(3);
        assertThat(stopAgain.get(2).isEmpty()).isTrue();
    }

    @Test
    void meter_values_reach_the_site_as_measured_power() throws Exception {
        var conf = answer("[2,\"1\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-11-24T10:00:00Z\","
                + "\"sampledValue\":[{\"value\":\"11000\",\"measurand\":\"Power.Active.Import\"}]}]}]");

        assertThat(conf.get(0).asInt()).isEqualTo(3);
        assertThat(port.calls).contains("meter CP-1 11.0 null");
    }

    @Test
    void a_second_start_transaction_is_concurrent_and_gets_a_fresh_id_that_belongs_to_no_session() throws Exception {
        var first = answer(START.formatted(1));
        var second = answer(START.formatted(2));

        var tx = first.get(2).get("transactionId").asInt();
        var fresh = second.get(2).get("transactionId").asInt();
        assertThat(second.get(2).at("/idTagInfo/status").asText()).isEqualTo("ConcurrentTx");
        assertThat(fresh).isNotEqualTo(tx);
        assertThat(port.sessions).containsOnlyKeys(tx);
        assertThat(port.calls).containsExactly("connected CP-1", "start CP-1 " + tx, "concurrent CP-1 " + fresh);
    }

    @Test
    void another_charge_points_transaction_is_not_stopped_and_its_meter_values_are_ignored() throws Exception {
        port.sessions.put(7, "CP-OTHER");
        var stop = answer("[2,\"1\",\"StopTransaction\",{\"meterStop\":10,\"timestamp\":\"2026-11-24T11:00:00Z\","
                + "\"transactionId\":7}]");
        answer("[2,\"2\",\"MeterValues\",{\"connectorId\":1,\"transactionId\":7,\"meterValue\":[{\"timestamp\":"
                + "\"2026-11-24T10:00:00Z\",\"sampledValue\":[{\"value\":\"11000\",\"measurand\":\"Power.Active.Import\"}]}]}]");

        assertThat(stop.get(0).asInt()).isEqualTo(3);
        assertThat(port.sessions).containsEntry(7, "CP-OTHER");
        assertThat(port.calls).containsExactly("connected CP-1", "stop 7", "meter refused CP-1 7");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"value\":\"1e306\",\"measurand\":\"Power.Active.Import\",\"unit\":\"kW\"}",
            "{\"value\":\"1e400\",\"measurand\":\"Power.Active.Import\"}",
            "{\"value\":\"NaN\",\"measurand\":\"Power.Active.Import\"}",
            "{\"value\":\"44001\",\"measurand\":\"Power.Active.Import\"}",
            "{\"value\":\"-1001\",\"measurand\":\"Power.Active.Import\"}",
            "{\"value\":\"64\",\"measurand\":\"Current.Import\",\"unit\":\"A\",\"phase\":\"L1\"}"})
    void implausible_meter_values_do_not_reach_the_site(String sample) throws Exception {
        var conf = answer("[2,\"1\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":"
                + "\"2026-11-24T10:00:00Z\",\"sampledValue\":[" + sample + "]}]}]");

        assertThat(conf.get(0).asInt()).isEqualTo(3);
        assertThat(port.calls).containsExactly("connected CP-1");
    }

    @Test
    void meter_values_just_inside_the_bounds_reach_the_site() throws Exception {
        answer("[2,\"1\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-11-24T10:00:00Z\","
                + "\"sampledValue\":[{\"value\":\"44000\",\"measurand\":\"Power.Active.Import\"}]}]}]");
        answer("[2,\"2\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-11-24T10:00:00Z\","
                + "\"sampledValue\":[{\"value\":\"-999\",\"measurand\":\"Power.Active.Import\"}]}]}]");

        assertThat(port.calls).containsExactly("connected CP-1", "meter CP-1 44.0 null", "meter CP-1 0.0 null");
    }

    @Test
    void a_charger_that_lets_three_calls_in_a_row_time_out_is_disconnected() throws Exception {
        var closedWith = new java.util.concurrent.CompletableFuture<String>();
        var quick = new ChargePointConnection(port.chargers.get("CP-1"),
                new OcppContext(port, new FrameCodec(payloads.mapper()), payloads,
                        new ChargePointRequests(port, payloads, clock, Duration.ofSeconds(120)), timer, Duration.ofMillis(20),
                        () -> "our-id"), sent::add, closedWith::complete);
        var profile = Profiles.txDefault(port.chargers.get("CP-1").charger(), 11);
        for (int i = 1; i <= 2; i++) {
            var answer = quick.setChargingProfile(profile);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> answer.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(quick.isOpen()).as("after %d time-outs", i).isTrue();
        }
        var third = quick.setChargingProfile(profile);

        assertThat(closedWith.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("three calls in a row unanswered");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> third.get(5, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(quick.isOpen()).isFalse();
    }

    private static final String START = "[2,\"%d\",\"StartTransaction\",{\"connectorId\":1,\"idTag\":\"T\",\"meterStart\":0,"
            + "\"timestamp\":\"2026-11-24T10:00:00Z\"}]";

    @Test
    void data_transfer_names_no_known_vendor_and_unknown_actions_are_not_implemented() throws Exception {
        var dataTransfer = answer("[2,\"1\",\"DataTransfer\",{\"vendorId\":\"x\"}]");
        var unknown = answer("[2,\"2\",\"Teleport\",{}]");

        assertThat(dataTransfer.get(2).get("status").asText()).isEqualTo("UnknownVendorId");
        assertThat(unknown.get(2).asText()).isEqualTo("NotImplemented");
    }

    /** The frames on the wire, pinned byte for byte: how they are built may change, what they are may not. */
    @Test
    void set_charging_profile_frames_are_exactly_these_texts() {
        var validTo = Instant.parse("2026-11-24T10:20:30.123Z");
        connection.setChargingProfile(Profiles.tx(connection.charger(), 7.4, 3, 17, validTo));
        assertThat(sent.getLast()).isEqualTo("[2,\"our-id\",\"SetChargingProfile\",{\"connectorId\":1,\"csChargingProfiles\":"
                + "{\"chargingProfileId\":2,\"transactionId\":17,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Relative\",\"validTo\":\"2026-11-24T10:20:30.123Z\",\"chargingSchedule\":"
                + "{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":7400.0}]}}}]");
        connection.receive("[3,\"our-id\",{\"status\":\"Accepted\"}]");

        var amps = new ChargingProfile.Schedule(null, null, ChargingProfile.RateUnit.A,
                List.of(new ChargingProfile.Period(0, 10.7, 3)), null);
        connection.setChargingProfile(new ChargingProfile(1, null, 0, ChargingProfile.Purpose.TxDefaultProfile,
                ChargingProfile.Kind.Relative, null, null, null, amps));
        assertThat(sent.getLast()).isEqualTo("[2,\"our-id\",\"SetChargingProfile\",{\"connectorId\":1,\"csChargingProfiles\":"
                + "{\"chargingProfileId\":1,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
                + "\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":{\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":10.7,\"numberPhases\":3}]}}}]");
    }
}
