package dev.dynamo.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The site's view of what one charger may draw: told by its connector, and raises promised in counts not acknowledged. */
class MayDrawTest {
    private static final double DEFAULT_KW = 7;

    @Test
    void untold_it_may_draw_its_default_and_a_count_above_it_promises_that_raise() {
        var mayDraw = new MayDraw();
        assertThat(mayDraw.state()).isEqualTo(MayDraw.State.UNTOLD);
        assertThat(mayDraw.kw(DEFAULT_KW)).isEqualTo(DEFAULT_KW);
        assertThat(mayDraw.knownKw()).isNull();

        mayDraw.counted(11, 1, DEFAULT_KW);
        assertThat(mayDraw.state()).isEqualTo(MayDraw.State.PROMISED);
        assertThat(mayDraw.kw(DEFAULT_KW)).isEqualTo(11);
        assertThat(mayDraw.knownKw()).isEqualTo(11);
    }

    @Test
    void a_promise_holds_until_the_connector_acknowledges_its_count_whatever_it_tells_before() {
        var mayDraw = new MayDraw();
        mayDraw.told(10);
        mayDraw.counted(15, 4, DEFAULT_KW);

        mayDraw.told(6); // a report noted before the pusher took count 4 in
        mayDraw.seen(3);
        assertThat(mayDraw.kw(DEFAULT_KW)).isEqualTo(15);

        mayDraw.counted(15, 5, DEFAULT_KW); // the next count still counts it at the raise
        mayDraw.seen(4);
        assertThat(mayDraw.state()).as("promised again in count 5").isEqualTo(MayDraw.State.PROMISED);
        mayDraw.seen(5);
        assertThat(mayDraw.state()).isEqualTo(MayDraw.State.TOLD);
        assertThat(mayDraw.kw(DEFAULT_KW)).isEqualTo(6);
    }

    @Test
    void a_count_at_or_below_what_was_told_promises_nothing() {
        var mayDraw = new MayDraw();
        mayDraw.told(12.004); // what it may draw is counted on the 0.01 kW grid, rounded up
        mayDraw.counted(12.01, 1, DEFAULT_KW);
        assertThat(mayDraw.state()).isEqualTo(MayDraw.State.TOLD);
        assertThat(mayDraw.kw(DEFAULT_KW)).isEqualTo(12.01);

        mayDraw.counted(14, 2, DEFAULT_KW);
        mayDraw.told(14);
        mayDraw.counted(14, 3, DEFAULT_KW);
        assertThat(mayDraw.state()).as("what it told covers the raise").isEqualTo(MayDraw.State.TOLD);
    }
}
