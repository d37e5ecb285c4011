package dev.dynamo.console.preview;

import java.util.Locale;

/**
 * One charger now and under a proposed config: kW and status of each side, null where the charger has
 * no session (live) or no preview was made yet.
 */
public record PreviewRow(String chargePointId, Double liveKw, String liveStatus, Double previewKw,
                         String previewStatus) {

    /** Previewed minus live kW; null unless both are known. */
    public Double diffKw() {
        return liveKw == null || previewKw == null ? null : previewKw - liveKw;
    }

    public String liveText() { return text(liveKw, liveStatus); }

    public String previewText() { return previewKw == null ? "" : text(previewKw, previewStatus); }

    /** "+4.0 kW", "−3.5 kW", "±0" or empty. */
    public String diffText() {
        var diff = diffKw();
        if (diff == null) return "";
        if (Math.abs(diff) < 0.005) return "±0";
        return (diff > 0 ? "+" : "−") + String.format(Locale.ROOT, "%.1f kW", Math.abs(diff));
    }

    private static String text(Double kw, String status) {
        if (kw == null) return "idle";
        var value = String.format(Locale.ROOT, "%.1f kW", kw);
        return status == null || status.equals("charging") ? value : value + " " + status;
    }
}
