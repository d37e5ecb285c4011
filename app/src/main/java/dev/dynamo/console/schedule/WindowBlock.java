package dev.dynamo.console.schedule;

import java.time.DayOfWeek;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One schedule window starting on one day, as the editor and table edit it. A contract window on
 * several days becomes one block per day; blocks that match again are merged when applied.
 * {@code endMinute <= startMinute} runs past midnight.
 */
public final class WindowBlock {
    public static final int DAY_MINUTES = 1440;

    private final ObjectProperty<DayOfWeek> day = new SimpleObjectProperty<>();
    private final IntegerProperty startMinute = new SimpleIntegerProperty();
    private final IntegerProperty endMinute = new SimpleIntegerProperty();
    private final DoubleProperty maxPowerKw = new SimpleDoubleProperty();
    private final StringProperty strategy = new SimpleStringProperty("equal");

    public WindowBlock(DayOfWeek day, int startMinute, int endMinute, double maxPowerKw, String strategy) {
        this.day.set(day);
        this.startMinute.set(startMinute);
        this.endMinute.set(endMinute);
        this.maxPowerKw.set(maxPowerKw);
        this.strategy.set(strategy == null ? "equal" : strategy);
    }

    public ObjectProperty<DayOfWeek> dayProperty() { return day; }

    public IntegerProperty startMinuteProperty() { return startMinute; }

    public IntegerProperty endMinuteProperty() { return endMinute; }

    public DoubleProperty maxPowerKwProperty() { return maxPowerKw; }

    public StringProperty strategyProperty() { return strategy; }

    public DayOfWeek day() { return day.get(); }

    public int startMinute() { return startMinute.get(); }

    public int endMinute() { return endMinute.get(); }

    /** Minutes from its start to its end, past midnight included. */
    public int lengthMinutes() { return length(startMinute(), endMinute()); }

    static int length(int start, int end) { return end > start ? end - start : end + DAY_MINUTES - start; }

    /** Start as minutes since Monday 00:00. */
    int weekStart() { return (day().getValue() - 1) * DAY_MINUTES + startMinute(); }

    public static String hhmm(int minute) { return "%02d:%02d".formatted(minute / 60, minute % 60); }

    @Override
    public String toString() {
        return day() + " " + hhmm(startMinute()) + "–" + hhmm(endMinute()) + " " + maxPowerKw.get() + " kW " + strategy.get();
    }
}
