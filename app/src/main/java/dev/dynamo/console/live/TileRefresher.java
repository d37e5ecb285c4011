package dev.dynamo.console.live;

import java.util.LinkedHashSet;
import javafx.animation.AnimationTimer;

/**
 * Spreads tile updates over frames: a refresh changes every visible tile at once, and redrawing them
 * all in one pulse would exceed a frame's budget with the software renderer (the dirty regions of
 * many tiles merge into large repaints); two per frame keeps every frame short and still shows the
 * whole refresh of a screenful (about 20 tiles) within a sixth of a second.
 */
final class TileRefresher extends AnimationTimer {
    static final int TILES_PER_FRAME = 2;

    private final LinkedHashSet<ChargerTileCell> dirty = new LinkedHashSet<>();
    private boolean running;

    void mark(ChargerTileCell cell) {
        dirty.add(cell);
        if (!running) {
            running = true;
            start();
        }
    }

    @Override
    public void handle(long now) {
        var pending = dirty.iterator();
        for (int i = 0; i < TILES_PER_FRAME && pending.hasNext(); i++) {
            var cell = pending.next();
            pending.remove();
            cell.show();
        }
        if (dirty.isEmpty()) {
            running = false;
            stop();
        }
    }
}
