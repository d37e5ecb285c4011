package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void line_breaks_and_control_characters_cannot_forge_log_lines() {
        assertThat(Printable.of("CP-1\n2026-11-24 INFO engine stopped\r")).isEqualTo("CP-1\\n2026-11-24 INFO engine stopped\\r")
                .doesNotContain("\n", "\r");
        assertThat(Printable.of("a\u001b[31mb\u0000c\u2028d\\")).isEqualTo("a\\u001b[31mb\\u0000c\\u2028d\\\\");
        assertThat(Printable.of(null)).isEqualTo("null");
    }

    @Test
    void long_text_is_cut_and_says_how_long_it_was() {
        var shown = Printable.of("x".repeat(5000));
        assertThat(shown).startsWith("x".repeat(Printable.MOST_CHARS)).endsWith("(5000 chars)").hasSizeLessThan(250);
    }
}
