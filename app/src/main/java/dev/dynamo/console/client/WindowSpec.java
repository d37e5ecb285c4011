package dev.dynamo.console.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One schedule window in the contract's shape: days {@code MON}..{@code SUN}, {@code "HH:MM"} times in
 * site local time ({@code end} may be {@code "24:00"}; {@code end <= start} runs past midnight).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowSpec(List<String> days, String start, String end, double maxPowerKw, String strategy) {
    public WindowSpec {
        days = days == null ? List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN") : List.copyOf(days);
    }
}
