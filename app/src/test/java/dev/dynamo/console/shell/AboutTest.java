package dev.dynamo.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AboutTest {
    @Test
    void names_the_console_engine_and_runtime_versions() {
        var about = new About("0.3.0", "0.2.1", "25.0.3", "25.0.2");

        assertThat(about.lines()).containsExactly("Dynamo Console 0.3.0", "Engine 0.2.1",
                "Java 25.0.3 · JavaFX 25.0.2", "Smart charging for EV charging sites");
    }

    @Test
    void says_what_is_unknown_instead_of_printing_null() {
        var about = new About(null, " ", null, null);

        assertThat(about.lines()).startsWith("Dynamo Console development build", "Engine not connected",
                "Java unknown · JavaFX unknown");
    }
}
