package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The water level by selection gives the shares of the level found from the sorted caps, whatever the rounds allowed. */
class WaterLevelTest {

    @Property(tries = 500)
    void selection_finds_the_level_of_the_sorted_caps(
            @ForAll @Size(min = 1, max = 600) List<@DoubleRange(min = 0.01, max = 50) Double> capsKw,
            @ForAll @DoubleRange(min = 0, max = 1.1) double share, @ForAll @IntRange(min = 0, max = 3) int maxRounds) {
        double[] caps = capsKw.stream().mapToDouble(c -> Math.round(c * 10) / 10.0 + 0.1).toArray(); // many ties
        double targetKw = Arrays.stream(caps).sum() * share;
        double expected = bySorting(caps.clone(), targetKw);

        // a level at or above the highest cap gives the same shares as infinity: compare the shares
        assertThat(shares(caps, WaterLevel.level(caps.clone(), targetKw)))
                .containsExactly(shares(caps, expected), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(shares(caps, WaterLevel.level(caps.clone(), targetKw, maxRounds)))
                .containsExactly(shares(caps, expected), org.assertj.core.api.Assertions.within(1e-9));
    }

    private static double[] shares(double[] caps, double level) {
        return Arrays.stream(caps).map(cap -> Math.min(cap, level)).toArray();
    }

    // the plain way: cap the smallest while the rest at that cap still fits
    private static double bySorting(double[] caps, double targetKw) {
        Arrays.sort(caps);
        double cappedKw = 0;
        for (int i = 0; i < caps.length; i++) {
            double level = (targetKw - cappedKw) / (caps.length - i);
            if (level <= caps[i]) return level;
            cappedKw += caps[i];
        }
        return Double.POSITIVE_INFINITY;
    }
}
