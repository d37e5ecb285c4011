package dev.dynamo.simulation;

import java.time.LocalTime;
import java.util.List;

/**
 * A seeded model of arriving vehicles. Arrivals are a Poisson process whose rate follows the hour of day
 * (site local time); each vehicle stays {@code dwellMin} minutes or, when {@code departureTime} is set,
 * until the next such local time.
 *
 * @param arrivalsPerHour 24 rates (vehicles per hour), index = local hour of day
 * @param dwellMin        null when {@code departureTime} is set
 * @param departureTime   null when {@code dwellMin} is set
 */
public record VehicleModel(List<Double> arrivalsPerHour, Distribution dwellMin, LocalTime departureTime,
                           Distribution energyKwh, Distribution arrivalSoc, List<EvType> evMix) {
    public VehicleModel {
        arrivalsPerHour = List.copyOf(arrivalsPerHour);
        evMix = List.copyOf(evMix);
    }

    /** One kind of vehicle in the mix, drawn with probability weight / sum of weights. */
    public record EvType(String name, double weight, double maxAcceptanceKw, double batteryKwh, Integer phasesInUse) {}
}
