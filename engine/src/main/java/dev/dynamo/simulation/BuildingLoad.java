package dev.dynamo.simulation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A metered node's load besides the chargers, in a scenario: a building's profile by local hour (linear
 * between the hours) and rooftop PV as negative load (a clear-sky bell from 06:00 to 18:00 local time,
 * {@code pvPeakKw} at noon). The simulator sends its meter a reading every {@code readingIntervalS}:
 * this load plus the draw of the chargers below the node, through the same path as a polled reading.
 */
public record BuildingLoad(String meterId, List<Double> loadKwByHour, double pvPeakKw, int readingIntervalS) {
    public BuildingLoad {
        loadKwByHour = List.copyOf(loadKwByHour);
    }

    /** The building's own load at {@code at}, without PV. */
    double buildingKw(Instant at, ZoneId zone) {
        var local = at.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0 + local.getNano() / 3.6e12;
        int h = (int) Math.floor(hour) % 24;
        double fraction = hour - Math.floor(hour);
        return loadKwByHour.get(h) * (1 - fraction) + loadKwByHour.get((h + 1) % 24) * fraction;
    }

    /** PV output at {@code at} (≥ 0). */
    double pvKw(Instant at, ZoneId zone) {
        var local = at.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        return hour <= 6 || hour >= 18 ? 0 : pvPeakKw * Math.sin(Math.PI * (hour - 6) / 12);
    }

    /** What the node carries besides the chargers: building minus PV (negative while PV exports). */
    double netKw(Instant at, ZoneId zone) {
        return buildingKw(at, zone) - pvKw(at, zone);
    }

    /** The highest building load over the run, sampled each minute, PV ignored: what a cautious operator plans for. */
    double peakBuildingKw(Instant from, Instant to, ZoneId zone) {
        double peak = 0;
        for (var t = from; t.isBefore(to); t = t.plusSeconds(60)) peak = Math.max(peak, buildingKw(t, zone));
        return peak;
    }
}
