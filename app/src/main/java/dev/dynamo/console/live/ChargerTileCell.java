package dev.dynamo.console.live;

import dev.dynamo.console.theme.Theme;
import dev.dynamo.console.theme.TileFactory;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import org.controlsfx.control.GridCell;

/**
 * A grid cell that owns one gauge tile for its whole life and shows whichever charger the grid hands
 * it: tiles are reused while scrolling and values are set in place. The tile is a fixed-size canvas,
 * so showing another charger or new values never asks the grid for CSS or layout.
 */
final class ChargerTileCell extends GridCell<ChargerGauge> {
    static final String TILE_CLASS = "charger-tile";

    private final ChargerTile tile = new ChargerTile(TileFactory.CHARGER_TILE_WIDTH, TileFactory.CHARGER_TILE_HEIGHT);
    private final TileRefresher refresher;
    private final InvalidationListener show;
    private ChargerGauge shown;

    /** {@code onSelect} gets the charger and whether the keyboard opened it. */
    ChargerTileCell(TileRefresher refresher, java.util.function.BiConsumer<String, Boolean> onSelect) {
        this.refresher = refresher;
        // a click on a tile opens its panel; so do Enter and Space on a tile with the keyboard focus
        setOnMouseClicked(_ -> { if (shown != null && !isEmpty()) onSelect.accept(shown.chargePointId(), false); });
        setFocusTraversable(true);
        setOnKeyPressed(event -> {
            if ((event.getCode() == javafx.scene.input.KeyCode.ENTER || event.getCode() == javafx.scene.input.KeyCode.SPACE)
                    && shown != null && !isEmpty()) {
                onSelect.accept(shown.chargePointId(), true);
                event.consume();
            }
        });
        focusedProperty().subscribe(tile::showFocus);
        show = _ -> refresher.mark(this);
        tile.getStyleClass().add(TILE_CLASS);
        setGraphic(tile);
        setText(null);
    }

    @Override
    protected void updateItem(ChargerGauge gauge, boolean empty) {
        super.updateItem(gauge, empty);
        var next = empty ? null : gauge;
        // the grid re-indexes every cell when the list changes (empty, then the item again): the tile
        // stays in the scene and is only hidden, so nothing is rebuilt
        tile.setVisible(next != null);
        if (next == null || next == shown) return;
        if (shown != null) {
            shown.allocatedKwProperty().removeListener(show);
            shown.capKwProperty().removeListener(show);
            shown.measuredKwProperty().removeListener(show);
            shown.statusProperty().removeListener(show);
            shown.troubleProperty().removeListener(show);
            shown.atRiskProperty().removeListener(show);
            shown.progressProperty().removeListener(show);
        }
        shown = next;
        shown.allocatedKwProperty().addListener(show);
        shown.capKwProperty().addListener(show);
        shown.measuredKwProperty().addListener(show);
        shown.statusProperty().addListener(show);
        shown.troubleProperty().addListener(show);
        shown.atRiskProperty().addListener(show);
        shown.progressProperty().addListener(show);
        // an id change re-applies CSS, but to this one node only
        tile.setId("tile-" + shown.chargePointId());
        // a session that starts or stops shifts every tile after it: drawn a few per frame like a refresh
        refresher.mark(this);
    }

    void show() {
        var gauge = shown;
        if (gauge == null) return;
        var capKw = Math.max(gauge.capKwProperty().get(), 1);
        var measured = gauge.measuredKwProperty().get();
        var status = gauge.statusProperty().get();
        var trouble = gauge.troubleProperty().get();
        var text = (trouble == null ? "" : "⚠ " + trouble + " · ") + status.label() + " · cap " + kw(capKw)
                + (measured == null ? "" : " · metered " + kw(measured));
        tile.show(gauge.chargePointId(), gauge.allocatedKwProperty().get(), capKw, text, trouble != null ? Theme.Tone.BAD : switch (status) {
            case CHARGING -> Theme.Tone.GOOD;
            case QUEUED -> Theme.Tone.WAITING;
            case OFFLINE -> Theme.Tone.BAD;
        }, gauge.progressProperty().get(), gauge.atRiskProperty().get());
    }

    static String kw(double value) { return String.format(Locale.ROOT, "%.1f kW", value); }
}
