package dev.dynamo.ocpp.v16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dynamo.ocpp.rpc.ErrorCode;
import dev.dynamo.ocpp.rpc.RpcException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadsTest {
    private final Payloads payloads = new Payloads(Payloads.newMapper());

    private <T extends Record> T read(String json, Class<T> type) throws Exception {
        return payloads.read(payloads.mapper().readTree(json), type);
    }

    @Test
    void reads_a_valid_start_transaction() throws Exception {
        var request = read("""
                {"connectorId":1,"idTag":"TAG-1","meterStart":120,"timestamp":"2026-11-24T10:15:30+01:00"}""",
                StartTransaction.Request.class);

        assertThat(request).isEqualTo(new StartTransaction.Request(1, "TAG-1", 120, null, Instant.parse("2026-11-24T09:15:30Z")));
    }

    @Test
    void reads_meter_values_with_dotted_enum_names() throws Exception {
        var request = read("""
                {"connectorId":1,"transactionId":5,"meterValue":[{"timestamp":"2026-11-24T10:15:30Z","sampledValue":[
                  {"value":"7.4","measurand":"Power.Active.Import","unit":"kW","phase":"L1-N","context":"Sample.Periodic"}]}]}""",
                MeterValues.Request.class);

        var sample = request.meterValue().getFirst().sampledValue().getFirst();
        assertThat(sample.measurand()).isEqualTo(SampledValue.Measurand.POWER_ACTIVE_IMPORT);
        assertThat(sample.phase()).isEqualTo(SampledValue.Phase.L1_N);
        assertThat(sample.unit()).isEqualTo(SampledValue.Unit.kW);
    }

    @Test
    void a_sample_gives_every_property_a_value_the_validator_accepts() throws Exception {
        var sample = PayloadValidator.sample(MeterValues.Request.class);

        assertThat(sample.get("transactionId").isInt()).as("optional properties too").isTrue();
        var meterValue = sample.get("meterValue").get(0);
        assertThat(meterValue.get("timestamp").textValue()).isEqualTo("2000-01-01T00:00:00.000Z");
        var sampled = meterValue.get("sampledValue").get(0);
        assertThat(sampled.get("value").textValue()).isEqualTo("0");
        assertThat(sampled.get("measurand").textValue()).isIn(PayloadValidator.enumValues(SampledValue.Measurand.class));
        assertThat(payloads.read(sample, MeterValues.Request.class).meterValue()).hasSize(1);
    }

    @Test
    void every_actions_messages_are_read_and_written_once_when_prepared() throws Exception {
        var prepared = new Payloads(Payloads.newMapper()).prepared(); // throws when a sample does not read

        for (var action : Action.all()) {
            for (var type : List.of(action.requestType(), action.confirmationType())) {
                var message = prepared.read(PayloadValidator.sample(type), type);
                assertThat(prepared.mapper().readTree(prepared.writeString(message)))
                        .as(type.getName()).isEqualTo(prepared.write(message));
            }
        }
        assertThat(Action.all()).extracting(Action::name).contains("StartTransaction", "SetChargingProfile")
                .doesNotHaveDuplicates().hasSize(10);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            // a required field missing
            "{\"connectorId\":1,\"meterStart\":0,\"timestamp\":\"2026-11-24T10:15:30Z\"}                     | OCCURRENCE_CONSTRAINT_VIOLATION",
            // wrong JSON types
            "{\"connectorId\":\"1\",\"idTag\":\"T\",\"meterStart\":0,\"timestamp\":\"2026-11-24T10:15:30Z\"} | TYPE_CONSTRAINT_VIOLATION",
            "{\"connectorId\":1,\"idTag\":7,\"meterStart\":0,\"timestamp\":\"2026-11-24T10:15:30Z\"}         | TYPE_CONSTRAINT_VIOLATION",
            "{\"connectorId\":1.5,\"idTag\":\"T\",\"meterStart\":0,\"timestamp\":\"2026-11-24T10:15:30Z\"}   | TYPE_CONSTRAINT_VIOLATION",
            "{\"connectorId\":1,\"idTag\":\"T\",\"meterStart\":0,\"timestamp\":17}                           | TYPE_CONSTRAINT_VIOLATION",
            // right type, value not allowed
            "{\"connectorId\":1,\"idTag\":\"T123456789012345678901\",\"meterStart\":0,\"timestamp\":\"2026-11-24T10:15:30Z\"} | PROPERTY_CONSTRAINT_VIOLATION",
            "{\"connectorId\":1,\"idTag\":\"T\",\"meterStart\":0,\"timestamp\":\"yesterday\"}                | PROPERTY_CONSTRAINT_VIOLATION",
            "{\"connectorId\":1,\"idTag\":\"T\",\"meterStart\":0,\"timestamp\":\"2026-11-24T10:15:30\"}      | PROPERTY_CONSTRAINT_VIOLATION",
            // not the PDU's structure
            "{\"connectorId\":1,\"idTag\":\"T\",\"meterStart\":0,\"timestamp\":\"2026-11-24T10:15:30Z\",\"extra\":1} | FORMATION_VIOLATION",
            "[]                                                                                                | FORMATION_VIOLATION",
    })
    void maps_each_schema_failure_to_its_call_error_code(String json, ErrorCode code) {
        var error = catchThrowableOfType(RpcException.class, () -> read(json, StartTransaction.Request.class));

        assertThat(error.code()).isEqualTo(code);
    }

    @Test
    void checks_enums_and_nested_arrays() {
        var badEnum = catchThrowableOfType(RpcException.class, () -> read("""
                {"connectorId":1,"errorCode":"Melted","status":"Available"}""", StatusNotification.Request.class));
        var badNested = catchThrowableOfType(RpcException.class, () -> read("""
                {"connectorId":1,"meterValue":[{"timestamp":"2026-11-24T10:15:30Z","sampledValue":[{"unit":"W"}]}]}""",
                MeterValues.Request.class));
        var notArray = catchThrowableOfType(RpcException.class, () -> read("""
                {"connectorId":1,"meterValue":{}}""", MeterValues.Request.class));

        assertThat(badEnum.code()).isEqualTo(ErrorCode.PROPERTY_CONSTRAINT_VIOLATION);
        assertThat(badNested.code()).isEqualTo(ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION);
        assertThat(badNested.getMessage()).contains("meterValue[0].sampledValue[0].value");
        assertThat(notArray.code()).isEqualTo(ErrorCode.TYPE_CONSTRAINT_VIOLATION);
    }

    @Test
    void what_we_write_is_valid_and_reads_back_the_same() throws Exception {
        var profile = new SetChargingProfile.Request(1, new ChargingProfile(7, 42, 1, ChargingProfile.Purpose.TxProfile,
                ChargingProfile.Kind.Absolute, null, null, Instant.parse("2026-11-24T10:20:30.123Z"),
                new ChargingProfile.Schedule(null, Instant.parse("2026-11-24T10:15:30Z"), ChargingProfile.RateUnit.A,
                        List.of(new ChargingProfile.Period(0, 31.8, 3)), null)));

        var json = payloads.write(profile);

        assertThat(json.toString()).doesNotContain("null").contains("\"validTo\":\"2026-11-24T10:20:30.123Z\"");
        assertThat(payloads.read(json, SetChargingProfile.Request.class)).isEqualTo(profile);
    }
}
