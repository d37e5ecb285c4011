package dev.dynamo.console.sites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Site;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.OperatorEngine;
import java.time.Clock;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SitesViewModelTest {

    @Test
    void every_site_is_summarised_live_and_opening_one_hands_it_over() throws Exception {
        try (var engine = new OperatorEngine()) {
            engine.yard(100, "Y-1", "Y-2", "Y-3", "Y-4");
            var background = new SameThreadBackground();
            var model = new SitesViewModel(background, Clock.systemUTC());
            var opened = new ArrayList<Site>();
            model.onOpen(opened::add);
            model.attach(engine.connect(OperatorEngine.YARD));

            background.tick();

            assertThat(model.summaries()).extracting(SiteSummary::siteId).containsExactlyInAnyOrder("yard", "annex");
            var yard = model.summaries().stream().filter(s -> s.siteId().equals("yard")).findFirst().orElseThrow();
            assertThat(yard.budgetKw()).isEqualTo(100.0);
            assertThat(yard.active()).isEqualTo(4);
            assertThat(yard.queued()).isZero();
            assertThat(yard.openAlerts()).isEqualTo(1);
            assertThat(yard.shown()).isTrue();
            var annex = model.summaries().stream().filter(s -> s.siteId().equals("annex")).findFirst().orElseThrow();
            assertThat(annex.budgetKw()).isNull();
            assertThat(annex.active()).isZero();

            engine.api.stopSession(OperatorEngine.YARD, "Y-4");
            background.tick();
            assertThat(model.summaries().stream().filter(s -> s.siteId().equals("yard")).findFirst().orElseThrow().active())
                    .isEqualTo(3);

            model.open(annex);
            assertThat(opened).extracting(Site::siteId).containsExactly("annex");
        }
    }
}
