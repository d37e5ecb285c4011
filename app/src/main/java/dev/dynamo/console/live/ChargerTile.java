package dev.dynamo.console.live;

import dev.dynamo.console.theme.Theme;
import java.util.Locale;
import java.util.Objects;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A charger's gauge drawn on one canvas, laid out like the TilesFX bar gauge the site tile uses
 * (title, value with unit, a half-ring bar from 0 to the cap, a status line). A TilesFX tile is some
 * 30 nodes and redraws all of them on every setter; this is one node, redrawn once per real change,
 * with nothing to lay out or style, so hundreds of them refresh cheaply.
 */
public final class ChargerTile extends Canvas {
    // the console's own font at its CSS size (14 px), as the TilesFX tiles ended up showing it
    private static final Font TITLE_FONT = Font.font(14);
    private static final Font VALUE_FONT = Font.font(16);
    private static final Font UNIT_FONT = Font.font(13);
    private static final Font SCALE_FONT = Font.font(14);
    private static final Font TEXT_FONT = Font.font(14);
    private static final Font TEXT_FONT_SMALL = Font.font(12);
    private static final Font PROGRESS_FONT = Font.font(12);
    private static final Font BADGE_FONT = Font.font("System", javafx.scene.text.FontWeight.BOLD, 11);
    private static final String AT_RISK = "⚠ AT RISK";
    // one measuring node for all tiles, used on the FX thread only
    private static final Text MEASURE = new Text();

    private String title = "";
    private double valueKw;
    private double maxKw = 1;
    private String text = "";
    private Theme.Tone tone = Theme.Tone.GOOD;
    private TileProgress progress = TileProgress.NONE;
    private boolean atRisk;
    private boolean focusRing;

    ChargerTile(double widthPx, double heightPx) {
        super(widthPx, heightPx);
        draw();
    }

    public String getTitle() { return title; }

    /** Allocated kW shown by the bar. */
    public double getValue() { return valueKw; }

    public double getMaxValue() { return maxKw; }

    /** The status line under the gauge. */
    public String getText() { return text; }

    public Theme.Tone getTone() { return tone; }

    /** The session's progress line ("12.3 / 40 kWh · by 17:30"); empty without a need or departure. */
    public String getProgressText() { return progress.text(); }

    /** Whether the tile shows its session at risk of missing its departure (red frame, "⚠ AT RISK"). */
    public boolean isAtRisk() { return atRisk; }

    /** Shows new values; draws only when one of them differs from what is shown. */
    void show(String newTitle, double newValueKw, double newMaxKw, String newText, Theme.Tone newTone,
              TileProgress newProgress, boolean newAtRisk) {
        if (newTitle.equals(title) && newValueKw == valueKw && newMaxKw == maxKw && newText.equals(text)
                && newTone == tone && newProgress.equals(progress) && newAtRisk == atRisk) return;
        title = newTitle;
        valueKw = newValueKw;
        maxKw = newMaxKw;
        text = Objects.requireNonNull(newText);
        tone = newTone;
        progress = newProgress;
        atRisk = newAtRisk;
        draw();
    }

    /** The keyboard focus ring (the cell holding this tile has the focus). */
    void showFocus(boolean focused) {
        if (focused == focusRing) return;
        focusRing = focused;
        draw();
    }

    private void draw() {
        var width = getWidth();
        var height = getHeight();
        var size = Math.min(width, height);
        var g = getGraphicsContext2D();
        // a clear of the whole canvas also drops the commands buffered before it
        g.clearRect(0, 0, width, height);
        g.setFill(Theme.SURFACE);
        g.fillRoundRect(0, 0, width, height, size * 0.05, size * 0.05);

        var pad = size * 0.05;
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(TITLE_FONT);
        g.setFill(Theme.TEXT);
        g.fillText(title, pad, pad);

        // value and unit centred together, the unit smaller and dropped like a subscript
        var value = String.format(Locale.ROOT, "%.1f", valueKw);
        var valueWidth = width(value, VALUE_FONT);
        var unitWidth = width("kW", UNIT_FONT);
        var valueX = (width - valueWidth - unitWidth) / 2;
        var valueY = size * 0.19;
        g.setTextBaseline(VPos.BASELINE);
        g.setFont(VALUE_FONT);
        g.setFill(tone == Theme.Tone.BAD ? Theme.OFFLINE : Theme.TEXT);
        g.fillText(value, valueX, valueY + VALUE_FONT.getSize() * 0.75);
        g.setFont(UNIT_FONT);
        g.setFill(Theme.TEXT_DIM);
        g.fillText("kW", valueX + valueWidth, valueY + VALUE_FONT.getSize() * 0.75 + UNIT_FONT.getSize() * 0.3);

        // half ring: centre at 85 % of the height, as TilesFX places its bar gauge
        var centerX = width / 2;
        var centerY = height * 0.85;
        var radius = size * 0.325;
        var barWidth = size * 0.15;
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineWidth(barWidth);
        g.setStroke(Theme.SURFACE_RAISED);
        g.strokeArc(centerX - radius, centerY - radius, 2 * radius, 2 * radius, 180, -180, ArcType.OPEN);
        var fraction = maxKw <= 0 ? 0 : Math.clamp(valueKw / maxKw, 0, 1);
        if (fraction > 0) {
            g.setStroke(tone.color());
            g.strokeArc(centerX - radius, centerY - radius, 2 * radius, 2 * radius, 180, -180 * fraction, ArcType.OPEN);
        }

        g.setFont(SCALE_FONT);
        g.setFill(Theme.TEXT_DIM);
        g.setTextAlign(TextAlignment.CENTER);
        var scaleOffset = radius - barWidth / 2 - size * 0.05;
        g.fillText("0", centerX - scaleOffset + size * 0.02, centerY);
        g.fillText(String.format(Locale.ROOT, "%.0f", maxKw), centerX + scaleOffset - size * 0.02, centerY);

        g.setTextAlign(TextAlignment.LEFT);
        // a status line with a metered value is longer: a smaller font keeps it inside the tile
        g.setFont(width(text, TEXT_FONT) <= width - 2 * pad ? TEXT_FONT : TEXT_FONT_SMALL);
        // and past that the line is squeezed to the tile's width rather than cut
        g.fillText(text, pad, height - pad, width - 2 * pad);

        drawProgress(g, width, size, pad);
        if (atRisk) {
            // not colour alone: a red frame and the words, readable at a glance across a depot of tiles
            g.setStroke(Theme.OFFLINE);
            g.setLineWidth(3);
            g.strokeRoundRect(1.5, 1.5, width - 3, height - 3, size * 0.05, size * 0.05);
            g.setFont(BADGE_FONT);
            g.setTextAlign(TextAlignment.LEFT);
            var badgeWidth = width(AT_RISK, BADGE_FONT) + 10;
            var badgeX = width - pad - badgeWidth;
            g.setFill(Theme.OFFLINE);
            g.fillRoundRect(badgeX, pad - 1, badgeWidth, 17, 8, 8);
            g.setFill(Theme.BACKGROUND);
            g.setTextBaseline(VPos.TOP);
            g.fillText(AT_RISK, badgeX + 5, pad + 1);
        }
        if (focusRing) {
            g.setStroke(Theme.ACCENT);
            g.setLineWidth(2);
            var inset = atRisk ? 5 : 1;
            g.strokeRoundRect(inset, inset, width - 2 * inset, height - 2 * inset, size * 0.05, size * 0.05);
        }
    }

    /** The need line and a thin bar of delivered / needed between the value and the ring. */
    private void drawProgress(javafx.scene.canvas.GraphicsContext g, double width, double size, double pad) {
        if (progress.text().isEmpty()) return;
        var top = size * 0.29;
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFont(PROGRESS_FONT);
        g.setFill(atRisk ? Theme.OFFLINE : Theme.TEXT);
        g.fillText(progress.text(), width / 2, top, width - 2 * pad);
        if (!progress.bar()) return;
        var barY = top + 17;
        var barWidth = width - 2 * pad;
        g.setFill(Theme.BORDER);
        g.fillRoundRect(pad, barY, barWidth, 5, 5, 5);
        if (progress.fraction() > 0) {
            g.setFill(atRisk ? Theme.OFFLINE : Theme.ACCENT);
            g.fillRoundRect(pad, barY, barWidth * progress.fraction(), 5, 5, 5);
        }
    }

    private static double width(String value, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(value);
        return MEASURE.getLayoutBounds().getWidth();
    }
}
