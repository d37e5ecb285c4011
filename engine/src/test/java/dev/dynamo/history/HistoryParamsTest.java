package dev.dynamo.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryParamsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123456Z");

    @Test
    void defaults_are_the_last_24_hours_to_now_at_15min() {
        assertThat(HistoryParams.parse(null, null, null, NOW)).isEqualTo(new HistoryParams(
                Instant.parse("2026-11-23T10:15:30.123Z"), Instant.parse("2026-11-24T10:15:30.123Z"),
                Interval.FIFTEEN_MINUTES));
    }

    @Test
    void from_defaults_to_24_hours_before_a_given_to() {
        var params = HistoryParams.parse(null, "2026-11-20T00:00:00Z", "1hour", NOW);

        assertThat(params.from()).isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
        assertThat(params.interval()).isEqualTo(Interval.ONE_HOUR);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-24, 2026-11-24T00:00:00Z",
            "2026-11-24T10:15Z, 2026-11-24T10:15:00Z",
            "2026-11-24T10:15:30+01:00, 2026-11-24T09:15:30Z",
            "2026-11-24T10:15:30.5-02:30, 2026-11-24T12:45:30.500Z",
            "2026-11-24T10:15:30.123Z, 2026-11-24T10:15:30.123Z"})
    void times_are_date_times_with_offset_or_dates_meaning_their_utc_start(String text, Instant expected) {
        assertThat(HistoryParams.parse(text, "2026-11-25", "5min", NOW).from()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "2026-11-24T10:00, NULL, NULL, from, 'from ''2026-11-24T10:00'' is not a date-time with offset'",
            "NULL, yesterday, NULL, to, 'to ''yesterday'' is not'",
            "2026-11-24, 2026-11-24, NULL, from, 'must be before to'",
            "2026-11-25, 2026-11-24, NULL, from, 'must be before to'",
            "NULL, NULL, 10min, interval, 'not one of 1min, 5min, 15min, 1hour'",
            "2026-11-01, 2026-12-01, 1min, interval, 'holds 43200 buckets of 1min, more than 10081'"})
    void bad_parameters_name_the_field_and_say_what_is_wrong(String from, String to, String interval,
                                                            String field, String message) {
        assertThatThrownBy(() -> HistoryParams.parse(from, to, interval, NOW))
                .isInstanceOfSatisfying(HistoryParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void seven_days_at_1min_are_served_even_unaligned_but_a_minute_more_is_not() {
        var sevenDays = HistoryParams.parse("2026-11-17T10:00:30Z", "2026-11-24T10:00:30Z", "1min", NOW);

        assertThat(sevenDays.bucketCount()).isEqualTo(10_081);
        assertThatThrownBy(() -> HistoryParams.parse("2026-11-17T10:00:30Z", "2026-11-24T10:01:30Z", "1min", NOW))
                .isInstanceOf(HistoryParameterException.class).hasMessageContaining("10082 buckets");
    }

    @Test
    void thirty_days_need_5min_or_more() {
        assertThat(HistoryParams.parse("2026-10-25", "2026-11-24", "5min", NOW).bucketCount()).isEqualTo(8_640);
    }

    @Test
    void the_decision_limit_is_1_to_10000_and_1000_by_default() {
        assertThat(DecisionParams.parse(null, null, null, NOW).limit()).isEqualTo(1_000);
        assertThat(DecisionParams.parse(null, null, "10000", NOW).limit()).isEqualTo(10_000);
        assertThat(DecisionParams.parse(null, null, "1", NOW).limit()).isEqualTo(1);
        for (var bad : new String[] {"0", "10001", "-5", "ten", "1.5"}) {
            assertThatThrownBy(() -> DecisionParams.parse(null, null, bad, NOW))
                    .isInstanceOfSatisfying(HistoryParameterException.class,
                            e -> assertThat(e.parameter()).isEqualTo("limit"))
                    .hasMessageContaining("from 1 to 10000");
        }
    }
}
