package dev.dynamo.simulation;

import java.util.random.RandomGenerator;

/** A distribution of a scenario's vehicle model; every draw is clamped to [min, max]. */
public sealed interface Distribution {
    double draw(RandomGenerator random);

    record Fixed(double value) implements Distribution {
        public double draw(RandomGenerator random) { return value; }
    }

    record Uniform(double min, double max) implements Distribution {
        public double draw(RandomGenerator random) { return min == max ? min : random.nextDouble(min, max); }
    }

    record Normal(double mean, double sd, double min, double max) implements Distribution {
        public double draw(RandomGenerator random) {
            return Math.clamp(mean + sd * random.nextGaussian(), min, max);
        }
    }
}
