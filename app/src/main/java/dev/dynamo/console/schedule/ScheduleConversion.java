package dev.dynamo.console.schedule;

import dev.dynamo.console.client.WindowSpec;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Contract windows (several days, "HH:MM") to editor blocks (one day, minutes) and back. */
final class ScheduleConversion {
    private ScheduleConversion() {}

    static List<WindowBlock> toBlocks(List<WindowSpec> specs) {
        var blocks = new ArrayList<WindowBlock>();
        for (var spec : specs) {
            for (var day : spec.days()) {
                blocks.add(new WindowBlock(dayOf(day), minutes(spec.start()), minutes(spec.end()), spec.maxPowerKw(),
                        spec.strategy()));
            }
        }
        return blocks;
    }

    /** Blocks with the same times, power and strategy become one window on all their days. */
    static List<WindowSpec> toSpecs(List<WindowBlock> blocks) {
        record Shape(int start, int end, double kw, String strategy) {}
        var days = new LinkedHashMap<Shape, TreeSet<DayOfWeek>>();
        for (var block : blocks) {
            var shape = new Shape(block.startMinute(), block.endMinute(), block.maxPowerKwProperty().get(),
                    block.strategyProperty().get());
            days.computeIfAbsent(shape, _ -> new TreeSet<>()).add(block.day());
        }
        var specs = new ArrayList<WindowSpec>();
        days.forEach((shape, on) -> specs.add(new WindowSpec(on.stream().map(ScheduleConversion::dayCode).toList(),
                WindowBlock.hhmm(shape.start()), WindowBlock.hhmm(shape.end()), shape.kw(), shape.strategy())));
        return specs;
    }

    static int minutes(String hhmm) {
        var parts = hhmm.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }

    static String dayCode(DayOfWeek day) { return day.name().substring(0, 3); }

    static DayOfWeek dayOf(String code) {
        for (var day : DayOfWeek.values()) {
            if (dayCode(day).equals(code.toUpperCase(Locale.ROOT))) return day;
        }
        throw new IllegalArgumentException("not a day: " + code);
    }
}
