package dev.dynamo.console.theme;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.geometry.Pos;
import javafx.scene.text.TextAlignment;

/** Every TilesFX tile of the console is made here, in the theme's colours. */
public final class TileFactory {
    public static final double CHARGER_TILE_WIDTH = 200;
    public static final double CHARGER_TILE_HEIGHT = 200;

    private TileFactory() {}

    /** A charger's gauge: allocated kW against its cap; status colours its bar. */
    public static Tile chargerGauge() {
        var tile = themed(TileBuilder.create().skinType(Tile.SkinType.BAR_GAUGE))
                .prefSize(CHARGER_TILE_WIDTH, CHARGER_TILE_HEIGHT)
                .unit("kW")
                .decimals(1)
                .tickLabelDecimals(0)
                .minValue(0)
                .maxValue(22)
                .textVisible(true)
                .build();
        // at 1 Hz with hundreds of tiles, animation would keep the FX thread busy between refreshes
        tile.setAnimated(false);
        tone(tile, Theme.Tone.GOOD);
        return tile;
    }

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

    /** A tile that shows one short text large, e.g. the strategy. */
    public static Tile textTile(String title) {
        return themed(TileBuilder.create().skinType(Tile.SkinType.TEXT))
                .prefSize(240, 240)
                .title(title)
                .descriptionAlignment(Pos.CENTER)
                .textAlignment(TextAlignment.CENTER)
                .textVisible(true)
                .build();
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
