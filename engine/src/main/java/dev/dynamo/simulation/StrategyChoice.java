package dev.dynamo.simulation;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.Strategy;

/**
 * Which strategy a run uses instead of the scenario's: written {@code equal}, {@code priority},
 * {@code scheduled} or {@code scenario} (as in the file), optionally followed by {@code :rotation=N}
 * (minutes) or {@code :rotation=off}.
 *
 * @param strategy   null keeps the scenario's
 * @param rotationMin null keeps the scenario's, 0 turns rotation off
 */
public record StrategyChoice(String label, Strategy strategy, Integer rotationMin) {

    public static StrategyChoice parse(String text) {
        var parts = text.trim().split(":", 2);
        Strategy strategy = switch (parts[0]) {
            case "scenario" -> null;
            case "equal" -> Strategy.EQUAL;
            case "priority" -> Strategy.PRIORITY;
            case "scheduled" -> Strategy.SCHEDULED;
            default -> throw new IllegalArgumentException("unknown strategy " + parts[0] + " (equal, priority, scheduled or scenario)");
        };
        Integer rotation = null;
        if (parts.length == 2) {
            var option = parts[1];
            if (option.equals("rotation=off")) rotation = 0;
            else if (option.matches("rotation=\\d{1,4}")) {
                rotation = Integer.parseInt(option.substring("rotation=".length()));
                if (rotation < 5 || rotation > 1440) throw new IllegalArgumentException("rotation must be 5..1440 minutes");
            } else throw new IllegalArgumentException("unknown option " + option + " (rotation=N or rotation=off)");
        }
        if (strategy == Strategy.PRIORITY && rotation != null && rotation > 0)
            throw new IllegalArgumentException("rotation cannot be used with priority");
        return new StrategyChoice(text.trim(), strategy, rotation);
    }

    public static StrategyChoice scenario() { return new StrategyChoice("scenario", null, null); }

    /** The same choice with rotation off, for the waits "without rotation". */
    public StrategyChoice withoutRotation() { return new StrategyChoice(label + ":rotation=off", strategy, 0); }

    /** Throws {@link ScenarioException} when this choice cannot apply to the scenario's config or one of its changes. */
    public void check(Scenario scenario) {
        apply(scenario.config(), scenario.site());
        scenario.configChanges().forEach(c -> apply(c.config(), scenario.site()));
    }

    /**
     * The config this choice makes of a scenario config. {@code priority} without a priority order ranks the
     * chargers in the order the site lists them; {@code scheduled} needs the scenario to give a schedule.
     */
    public ChargingConfig apply(ChargingConfig config, SiteDefinition site) {
        var strategy = this.strategy == null ? config.strategy() : this.strategy;
        if (strategy == Strategy.SCHEDULED && config.schedule().isEmpty())
            throw new ScenarioException("strategy scheduled needs a schedule in the scenario's config");
        var order = config.priorityOrder().isEmpty() && strategy == Strategy.PRIORITY
                ? site.chargers().stream().map(ChargerDefinition::chargePointId).toList() : config.priorityOrder();
        var rotation = rotationMin == null ? config.rotationPeriodMin() : rotationMin == 0 ? null : rotationMin;
        if (strategy == Strategy.PRIORITY) rotation = null;
        return new ChargingConfig(config.maxPowerKw(), strategy, config.minPowerPerChargerKw(), order, config.schedule(),
                rotation, config.redistributeUnused(), config.updatedAt());
    }
}
