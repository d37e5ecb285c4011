package dev.dynamo.ocpp.v16;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dynamo.ocpp.v16.ChargingProfile.Kind;
import dev.dynamo.ocpp.v16.ChargingProfile.Period;
import dev.dynamo.ocpp.v16.ChargingProfile.Purpose;
import dev.dynamo.ocpp.v16.ChargingProfile.RateUnit;
import dev.dynamo.ocpp.v16.ChargingProfile.RecurrencyKind;
import dev.dynamo.ocpp.v16.ChargingProfile.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ChargingProfileJsonTest {
    private final Payloads payloads = new Payloads(Payloads.newMapper());

    /** The hand-written text is exactly what the payload mapper writes for the same request. */
    @Property(tries = 500)
    void writesWhatTheMapperWrites(@ForAll("requests") SetChargingProfile.Request request) {
        assertThat(text(request)).isEqualTo(payloads.writeString(request));
    }

    @Test
    void aTxProfileInWatts() {
        var profile = new ChargingProfile(2, 17, 0, Purpose.TxProfile, Kind.Relative, null, null,
                Instant.parse("2026-12-06T14:30:00.123Z"), new Schedule(null, null, RateUnit.W, java.util.List.of(new Period(0, 11000.0, null)), null));
        assertThat(text(new SetChargingProfile.Request(1, profile))).isEqualTo(
                "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":2,\"transactionId\":17,\"stackLevel\":0,"
                        + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\",\"validTo\":\"2026-12-06T14:30:00.123Z\","
                        + "\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":11000.0}]}}}");
    }

    private static String text(SetChargingProfile.Request request) {
        var json = new StringBuilder();
        ChargingProfileJson.write(request, json);
        return json.toString();
    }

    @Test
    void theStatusOfTheUsualConfirmationIsReadDirectly() throws Exception {
        var mapper = payloads.mapper();
        assertThat(ChargingProfileJson.statusOf(mapper.readTree("{\"status\":\"Accepted\"}"))).isEqualTo(SetChargingProfile.Status.Accepted);
        assertThat(ChargingProfileJson.statusOf(mapper.readTree("{\"status\":\"NotSupported\"}"))).isEqualTo(SetChargingProfile.Status.NotSupported);
        // anything else is left to the full reading, which answers it as the schema says
        assertThat(ChargingProfileJson.statusOf(mapper.readTree("{\"status\":\"accepted\"}"))).isNull();
        assertThat(ChargingProfileJson.statusOf(mapper.readTree("{\"status\":1}"))).isNull();
        assertThat(ChargingProfileJson.statusOf(mapper.readTree("{\"status\":\"Accepted\",\"x\":1}"))).isNull();
        assertThat(ChargingProfileJson.statusOf(mapper.readTree("{}"))).isNull();
        assertThat(ChargingProfileJson.statusOf(JsonNodeFactory.instance.arrayNode())).isNull();
        assertThat(ChargingProfileJson.statusOf(null)).isNull();
    }

    @Provide
    Arbitrary<SetChargingProfile.Request> requests() {
        var instants = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli)
                .flatMap(i -> Arbitraries.integers().between(0, 999_999_999).map(i::plusNanos)).injectNull(0.3);
        var period = Combinators.combine(Arbitraries.integers().between(0, 86_400),
                Arbitraries.integers().between(0, 1_000_000).map(tenths -> tenths / 10.0),
                Arbitraries.of(1, 2, 3).injectNull(0.5)).as(Period::new);
        var schedule = Combinators.combine(Arbitraries.integers().between(0, 86_400).injectNull(0.5), instants,
                Arbitraries.of(RateUnit.class), period.list().ofMinSize(1).ofMaxSize(3).map(ArrayList::new),
                Arbitraries.doubles().between(0, 100).ofScale(1).injectNull(0.5)).as(Schedule::new);
        var profile = Combinators.combine(Arbitraries.integers().between(1, 10), Arbitraries.integers().between(0, Integer.MAX_VALUE).injectNull(0.3),
                Arbitraries.integers().between(0, 5), Arbitraries.of(Purpose.class), Arbitraries.of(Kind.class),
                Arbitraries.of(RecurrencyKind.class).injectNull(0.7), instants, instants)
                .as((id, tx, level, purpose, kind, recurrency, from, to) -> new Object[] {id, tx, level, purpose, kind, recurrency, from, to});
        return Combinators.combine(Arbitraries.integers().between(0, 2), profile, schedule).as((connector, p, s) ->
                new SetChargingProfile.Request(connector, new ChargingProfile((Integer) p[0], (Integer) p[1], (Integer) p[2],
                        (Purpose) p[3], (Kind) p[4], (RecurrencyKind) p[5], (Instant) p[6], (Instant) p[7], s)));
    }
}
