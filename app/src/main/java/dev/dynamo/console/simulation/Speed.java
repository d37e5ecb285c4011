package dev.dynamo.console.simulation;

/** How fast a playback runs: simulated seconds per wall second. */
public enum Speed {
    X1("1×", 1),
    X10("10×", 10),
    X60("60×", 60),
    X600("600×", 600),
    MAX("Max", Double.POSITIVE_INFINITY);

    private final String label;
    private final double factor;

    Speed(String label, double factor) {
        this.label = label;
        this.factor = factor;
    }

    /** {@link Double#POSITIVE_INFINITY} for as fast as possible. */
    public double factor() { return factor; }

    @Override
    public String toString() { return label; }
}
