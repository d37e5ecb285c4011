package dev.dynamo.console.live;

import dev.dynamo.console.theme.Theme;
import dev.dynamo.console.theme.TileFactory;
import eu.hansolo.tilesfx.Tile;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import org.controlsfx.control.GridCell;

/**
 * A grid cell that owns one gauge tile for its whole life and shows whichever charger the grid hands
 * it: tiles are reused while scrolling and values are set in place (the tile's value is never bound).
 */
final class ChargerTileCell extends GridCell<ChargerGauge> {
    static final String TILE_CLASS = "charger-tile";

    private final Tile tile = TileFactory.chargerGauge();
    private final InvalidationListener show = _ -> show();
    private ChargerGauge shown;

    ChargerTileCell() {
        tile.getStyleClass().add(TILE_CLASS);
        setGraphic(tile);
        setText(null);
    }

    @Override
    protected void updateItem(ChargerGauge gauge, boolean empty) {
        super.updateItem(gauge, empty);
        if (shown != null) {
            shown.allocatedKwProperty().removeListener(show);
            shown.capKwProperty().removeListener(show);
            shown.measuredKwProperty().removeListener(show);
            shown.statusProperty().removeListener(show);
        }
        shown = empty ? null : gauge;
        if (shown == null) {
            setGraphic(null);
            return;
        }
        shown.allocatedKwProperty().addListener(show);
        shown.capKwProperty().addListener(show);
        shown.measuredKwProperty().addListener(show);
        shown.statusProperty().addListener(show);
        tile.setTitle(shown.chargePointId());
        tile.setId("tile-" + shown.chargePointId());
        setGraphic(tile);
        show();
    }

    private void show() {
        var gauge = shown;
        if (gauge == null) return;
        var capKw = Math.max(gauge.capKwProperty().get(), 1);
        if (tile.getMaxValue() != capKw) tile.setMaxValue(capKw);
        tile.setValue(gauge.allocatedKwProperty().get());
        var measured = gauge.measuredKwProperty().get();
        var status = gauge.statusProperty().get();
        tile.setText(status.label() + " · cap " + kw(capKw)
                + (measured == null ? "" : " · metered " + kw(measured)));
        TileFactory.tone(tile, switch (status) {
            case CHARGING -> Theme.Tone.GOOD;
            case QUEUED -> Theme.Tone.WAITING;
            case OFFLINE -> Theme.Tone.BAD;
        });
    }

    static String kw(double value) { return String.format(Locale.ROOT, "%.1f kW", value); }
}
