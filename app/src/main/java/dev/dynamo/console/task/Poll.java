package dev.dynamo.console.task;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A screen's polling of the site it shows: a tick every period while the screen wants it, one fetch at a time
 * (a tick while the previous fetch still runs is skipped), and the answer of a fetch for a site the screen no
 * longer shows is dropped. Used on the FX thread only.
 *
 * @param <S> what a fetch is made for (the connected site)
 */
public final class Poll<S> {
    private final Background background;
    private final Duration period;
    private final Runnable tick;
    private S target;
    private Job ticking = Job.DONE;
    private boolean wanted = true;
    private boolean inFlight;

    /** {@code tick} runs on every period (usually the screen's refresh, which calls {@link #fetch}). */
    public Poll(Background background, Duration period, Runnable tick) {
        this.background = background;
        this.period = period;
        this.tick = tick;
    }

    /** The site fetches are made for, or null before the first {@link #attach}. */
    public S target() {
        return target;
    }

    /** Polls {@code newTarget} from now on (ticking when wanted); a fetch still running for the old one is dropped. */
    public void attach(S newTarget) {
        stop();
        target = newTarget;
        if (wanted) ticking = background.every(period, tick);
    }

    /** Ticks only while wanted (e.g. while the screen is shown); wanted by default. */
    public void wanted(boolean wantedNow) {
        wanted = wantedNow;
        if (!wantedNow) stop();
        else if (target != null && ticking == Job.DONE) ticking = background.every(period, tick);
    }

    /** Stops ticking (a fetch already running still ends; its answer is applied if the site is the same). */
    public void stop() {
        ticking.cancel();
        ticking = Job.DONE;
    }

    /**
     * Fetches off the FX thread, unless there is no site yet or a fetch is still running. {@code prepare} runs at
     * once on the FX thread (reading what the fetch needs from the screen) and gives the work; its outcome comes
     * back to {@code onDone} or {@code onFail} on the FX thread, only while the site is still the same.
     */
    public <T> void fetch(Function<? super S, Callable<T>> prepare, Consumer<? super T> onDone,
                          Consumer<? super Throwable> onFail) {
        if (target == null || inFlight) return;
        var current = target;
        var work = prepare.apply(current);
        inFlight = true;
        background.submit(_ -> work.call(), result -> {
            inFlight = false;
            if (current == target) onDone.accept(result);
        }, failure -> {
            inFlight = false;
            if (current == target) onFail.accept(failure);
        });
    }
}
