package dev.dynamo.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.dynamo.allocation.Phase;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/** Test helpers: a sample site, JSON bodies written with single quotes, and the problem a call throws. */
final class Requests {
    private Requests() {}

    static final SiteDefinition DEPOT_NORTH = new SiteDefinition("depot-north", "Depot North",
            ZoneId.of("Europe/Amsterdam"), 250, null, List.of(), List.of(
                    charger("CP-001", 22, 3), charger("CP-002", 7.4, 1), charger("CP-003", 22, 3)));

    static ChargerDefinition charger(String id, double maxPowerKw, int phases) {
        return new ChargerDefinition(id, maxPowerKw, phases, 230, RateUnit.W, null, null, Phase.L1);
    }

    /** JSON with ' for " so that bodies read well in tests. */
    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static ApiProblem problemOf(Runnable call) {
        try {
            call.run();
        } catch (ApiProblem problem) {
            return problem;
        }
        return fail("expected an ApiProblem");
    }

    static void assertProblem(ApiProblem problem, int status, String field, String messagePart) {
        assertThat(problem.status()).as(problem.getMessage()).isEqualTo(status);
        assertThat(problem.errors()).as(problem.getMessage())
                .anySatisfy(e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.message()).contains(messagePart);
                });
    }
}
