package dev.dynamo.console.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.ExternalLimit;
import dev.dynamo.console.client.FieldError;
import dev.dynamo.console.client.LimitList;
import dev.dynamo.console.client.Site;
import dev.dynamo.console.task.SameThreadBackground;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GridLimitsModelTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final SameThreadBackground background = new SameThreadBackground();
    private final Map<String, ExternalLimit> stored = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();

    /** An engine that keeps limits in a map and refuses a negative one as the real one does (422). */
    private EngineApi api() {
        return (EngineApi) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EngineApi.class}, (_, method, args) -> {
            calls.add(method.getName());
            return switch (method.getName()) {
                case "limits" -> new LimitList(List.copyOf(stored.values()));
                case "putLimit" -> {
                    double kw = (double) args[2];
                    if (kw < 0) throw new EngineException(422, "max_power_kw must be 0 or more, not -1",
                            List.of(new FieldError("max_power_kw", "must be 0 or more")));
                    var limit = new ExternalLimit((String) args[1], kw, (Instant) args[3], (String) args[4], NOW);
                    stored.put(limit.source(), limit);
                    yield limit;
                }
                case "deleteLimit" -> {
                    stored.remove((String) args[1]);
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            };
        });
    }

    private GridLimitsModel attached() {
        var model = new GridLimitsModel();
        model.attach(new ConnectedSite(api(), new Site("s", "S", "UTC", 100, List.of(), null, List.of()), "1", false), background);
        background.tick();
        return model;
    }

    @Test
    void a_limit_is_set_listed_and_lifted_through_the_engine() {
        var model = attached();
        assertThat(model.limits()).isEmpty();
        model.sourceProperty().set("dso");
        model.maxPowerKwProperty().set("40");
        model.validUntilProperty().set("2026-11-24T18:00:00+01:00");
        model.reasonProperty().set("curtailment");
        model.set();
        background.tick();
        assertThat(model.limits()).extracting(ExternalLimit::source, ExternalLimit::maxPowerKw, ExternalLimit::validUntil)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dso", 40.0, Instant.parse("2026-11-24T17:00:00Z")));
        assertThat(model.errorProperty().get()).isNull();

        model.lift("dso");
        background.tick();
        assertThat(model.limits()).isEmpty();
        assertThat(calls).containsSubsequence("putLimit", "limits", "deleteLimit", "limits");
    }

    @Test
    void what_is_wrong_is_said_and_nothing_unsendable_is_sent() {
        var model = attached();
        model.set();
        assertThat(model.errorProperty().get()).contains("source");
        model.sourceProperty().set("dso");
        model.maxPowerKwProperty().set("lots");
        model.set();
        assertThat(model.errorProperty().get()).contains("number");
        model.maxPowerKwProperty().set("10");
        model.validUntilProperty().set("tomorrow");
        model.set();
        assertThat(model.errorProperty().get()).contains("valid_until");
        assertThat(calls).doesNotContain("putLimit");

        model.validUntilProperty().set("");
        model.maxPowerKwProperty().set("-1");
        model.set();
        background.tick();
        assertThat(model.errorProperty().get()).contains("max_power_kw must be 0 or more");
        assertThat(model.limits()).isEmpty();
    }
}
