package dev.dynamo.ocpp;

/**
 * Text a charger sent (ids, vendor, model, idTag, values), made safe to log: line breaks and other control
 * characters are escaped, so a charger cannot forge log lines; very long text is cut.
 */
final class Printable {
    static final int MOST_CHARS = 200;

    private Printable() {}

    static String of(String text) {
        if (text == null) return "null";
        var out = new StringBuilder(Math.min(text.length(), MOST_CHARS) + 8);
        for (int i = 0; i < text.length() && i < MOST_CHARS; i++) {
            var c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > MOST_CHARS) out.append("…(").append(text.length()).append(" chars)");
        return out.toString();
    }
}
