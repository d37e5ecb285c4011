package dev.dynamo.ocpp.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynamo.ocpp.rpc.OcppFrame.Call;
import dev.dynamo.ocpp.rpc.OcppFrame.CallError;
import dev.dynamo.ocpp.rpc.OcppFrame.CallResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec(new ObjectMapper());

    @Test
    void decodes_a_call() throws RpcException {
        var frame = codec.decode("[2,\"19223201\",\"BootNotification\",{\"chargePointVendor\":\"VendorX\"}]");

        assertThat(frame).isInstanceOfSatisfying(Call.class, call -> {
            assertThat(call.messageId()).isEqualTo("19223201");
            assertThat(call.action()).isEqualTo("BootNotification");
            assertThat(call.payload().get("chargePointVendor").textValue()).isEqualTo("VendorX");
        });
    }

    @Test
    void decodes_a_call_result_and_a_call_error() throws RpcException {
        assertThat(codec.decode("[3,\"a\",{\"status\":\"Accepted\"}]"))
                .isInstanceOfSatisfying(CallResult.class, r -> assertThat(r.payload().get("status").textValue()).isEqualTo("Accepted"));
        assertThat(codec.decode("[4,\"b\",\"NotSupported\",\"no\",{}]"))
                .isInstanceOfSatisfying(CallError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                    assertThat(e.description()).isEqualTo("no");
                });
    }

    @Test
    void encodes_a_call_around_written_json_as_the_mapper_would() throws Exception {
        var mapper = new ObjectMapper();
        for (var id : new String[] {"1a", "z9", "with \"quote\"", "back\\slash", "tab\there", "é"}) {
            var text = codec.encodeCall(id, "SetChargingProfile", 7, json -> json.append("{\"a\":1}"));
            assertThat(mapper.readTree(text)).isEqualTo(mapper.readTree(
                    mapper.writeValueAsString(new Object[] {2, id, "SetChargingProfile", java.util.Map.of("a", 1)})));
        }
        assertThat(codec.encodeCall("7", "Reset", 0, json -> json.append("{}"))).isEqualTo("[2,\"7\",\"Reset\",{}]");
    }

    @Test
    void reads_the_original_misspelled_occurence_code() throws RpcException {
        var frame = (CallError) codec.decode("[4,\"b\",\"OccurenceConstraintViolation\",\"\",{}]");

        assertThat(frame.code()).isEqualTo(ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION);
    }

    @Test
    void encodes_every_frame_kind_as_the_json_array_of_ocpp_j() throws RpcException {
        var mapper = codec.mapper();
        var payload = mapper.createObjectNode().put("interval", 300);

        assertThat(codec.encode(new Call("1", "Heartbeat", mapper.createObjectNode()))).isEqualTo("[2,\"1\",\"Heartbeat\",{}]");
        assertThat(codec.encode(new CallResult("2", payload))).isEqualTo("[3,\"2\",{\"interval\":300}]");
        assertThat(codec.encode(new CallError("3", ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION, "missing", null)))
                .isEqualTo("[4,\"3\",\"OccurrenceConstraintViolation\",\"missing\",{}]");
        assertThat(codec.decode(codec.encode(new CallResult("2", payload)))).isEqualTo(new CallResult("2", payload));
    }

    @ParameterizedTest(name = "{0} → {1}, id {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "hello                               | PROTOCOL_ERROR      | null",
            "{\"a\":1}                           | PROTOCOL_ERROR      | null",
            "[2]                                 | PROTOCOL_ERROR      | null",
            "[2,17,\"Heartbeat\",{}]             | PROTOCOL_ERROR      | null",
            "[9,\"x\",\"Heartbeat\",{}]          | PROTOCOL_ERROR      | x",
            "[\"2\",\"x\",\"Heartbeat\",{}]      | PROTOCOL_ERROR      | x",
            "[2,\"x\",\"Heartbeat\"]             | PROTOCOL_ERROR      | x",
            "[2,\"x\",5,{}]                      | PROTOCOL_ERROR      | x",
            "[2,\"x\",\"Heartbeat\",[]]          | FORMATION_VIOLATION | x",
            "[3,\"x\",\"oops\"]                  | PROTOCOL_ERROR      | x",
            "[4,\"x\",\"GenericError\",\"d\"]    | PROTOCOL_ERROR      | x",
            "[2,\"0123456789012345678901234567890123456\",\"Heartbeat\",{}] | PROTOCOL_ERROR | 0123456789012345678901234567890123456",
    })
    void rejects_what_is_not_an_ocpp_frame_with_the_id_when_it_can_be_read(String text, ErrorCode code, String id) {
        var error = catchThrowableOfType(RpcException.class, () -> codec.decode(text));

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.messageId()).isEqualTo(id);
    }

    /**
     * The usual answers, {@code [3,"id",{"status":"…"}]}, are read without a parser: whatever the id and status, the
     * frame (or the error) is the parser's. A leading space takes the text past the short way, to the parser.
     */
    @Property(tries = 2000)
    void status_results_read_the_short_way_are_what_the_parser_reads(@ForAll("statusResults") String text) {
        assertThat(outcome(text)).isEqualTo(outcome(" " + text));
    }

    @Test
    void the_usual_answer_is_a_call_result_with_its_status() throws RpcException {
        assertThat(codec.decode("[3,\"k3\",{\"status\":\"Accepted\"}]")).isEqualTo(
                new CallResult("k3", new ObjectMapper().createObjectNode().put("status", "Accepted")));
    }

    @Provide
    Arbitrary<String> statusResults() {
        var strings = Arbitraries.strings().withChars("ab9 \"\\,:{}[]é\u0001\u007f").ofMaxLength(40);
        var plain = Arbitraries.strings().withChars("ab9 ,:{}[]").ofMaxLength(40); // the short way's own
        var usual = Arbitraries.oneOf(strings, plain).tuple2()
                .map(t -> "[3,\"" + t.get1() + "\",{\"status\":\"" + t.get2() + "\"}]");
        // and the usual shape broken anywhere: a character dropped, doubled or replaced
        var broken = usual.flatMap(text -> Arbitraries.integers().between(0, text.length() - 1).flatMap(at ->
                Arbitraries.of("", "\"", " ", "]", "\\", "x").map(c -> text.substring(0, at) + c + text.substring(at + 1))));
        return Arbitraries.oneOf(usual, broken);
    }

    /** The frame decoded, or the error's code, message (the column the leading space shifts left out) and id. */
    private Object outcome(String text) {
        try {
            return codec.decode(text);
        } catch (RpcException e) {
            return java.util.List.of(e.code(), e.getMessage().replaceAll("column: \\d+", "column"), String.valueOf(e.messageId()));
        }
    }
}
