package dev.dynamo.console.theme;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;

/** Every TilesFX tile of the console is made here, in the theme's colours. */
public final class TileFactory {
    // the live screen's charger tiles are drawn by hand (live.ChargerTile) in the same look, at this size
    public static final double CHARGER_TILE_WIDTH = 200;
    public static final double CHARGER_TILE_HEIGHT = 200;

    private TileFactory() {}

    /** The site's gauge: total allocated against grid capacity, with the budget as threshold mark. */
    public static Tile siteGauge() {
        var tile = themed(TileBuilder.create().skinType(Tile.SkinType.BAR_GAUGE))
                .prefSize(300, 240)
                .title("Site total")
                .unit("kW")
                .decimals(1)
                .tickLabelDecimals(0)
                .minValue(0)
                .maxValue(100)
                .thresholdVisible(true)
                .thresholdColor(Theme.BUDGET)
                .textVisible(true)
                .build();
        tile.setAnimated(false);
        tone(tile, Theme.Tone.NEUTRAL);
        return tile;
    }

    public static void tone(Tile tile, Theme.Tone tone) {
        tile.setBarColor(tone.color());
        tile.setNeedleColor(tone.color());
        tile.setValueColor(tone == Theme.Tone.BAD ? Theme.OFFLINE : Theme.TEXT);
    }

    private static TileBuilder<?> themed(TileBuilder<?> builder) {
        return builder
                .backgroundColor(Theme.SURFACE)
                .foregroundBaseColor(Theme.TEXT)
                .titleColor(Theme.TEXT)
                .valueColor(Theme.TEXT)
                .unitColor(Theme.TEXT_DIM)
                .textColor(Theme.TEXT_DIM)
                .descriptionColor(Theme.TEXT)
                .barBackgroundColor(Theme.SURFACE_RAISED)
                .tickLabelColor(Theme.TEXT_DIM)
                .roundedCorners(true);
    }
}
