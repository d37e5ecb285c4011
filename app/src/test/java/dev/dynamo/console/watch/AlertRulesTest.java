package dev.dynamo.console.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.ChargerAllocation;
import dev.dynamo.console.client.CircuitLoad;
import dev.dynamo.console.client.SiteConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static ChargerAllocation charger(String id, double kw, String status) {
        return new ChargerAllocation(id, kw, 22, status, "s-" + id, NOW.minusSeconds(3600), null, "charger", null, 3,
                Map.of(), null, null, null, null);
    }

    private static Allocation allocation(List<ChargerAllocation> chargers, List<CircuitLoad> circuits) {
        return new Allocation("s", "equal", 100, 50, NOW, chargers, circuits, null, List.of());
    }

    private static SiteConfig rotation(Integer minutes) {
        return new SiteConfig("s", 100, "equal", 7, List.of(), List.of(), minutes, false, NOW);
    }

    @Test
    void a_breaker_within_five_percent_of_its_rating_is_an_alert_naming_its_phases() {
        var circuits = List.of(new CircuitLoad("row-1", 32, Map.of("L1", 30.5, "L2", 31.9, "L3", 20.0)),
                new CircuitLoad("row-2", 63, Map.of("L1", 59.0)),
                new CircuitLoad("grid", 400, Map.of("L1", 390.0)));

        var alerts = AlertRules.evaluate(allocation(List.of(), circuits), null, NOW);

        assertThat(alerts).extracting(Alert::key).containsExactly("BREAKER_NEAR_LIMIT:row-1", "BREAKER_NEAR_LIMIT:grid");
        assertThat(alerts.getFirst().message()).isEqualTo("Breaker row-1 at 31.9 of 32 A on L1, L2");
        assertThat(alerts.get(1).message()).startsWith("The grid connection at 390.0 of 400 A");
    }

    @Test
    void an_offline_charger_keeps_its_reservation_and_is_an_alert() {
        var alerts = AlertRules.evaluate(allocation(List.of(charger("CP-1", 11, "offline"), charger("CP-2", 22, "charging")),
                List.of()), null, NOW);

        assertThat(alerts).extracting(Alert::key).containsExactly("OFFLINE_WITH_RESERVATION:CP-1");
        assertThat(alerts.getFirst().message()).contains("11.0 kW stays reserved");
    }

    @Test
    void a_charger_queued_longer_than_the_rotation_period_is_an_alert_from_when_it_was_queued() {
        var queuedSince = NOW.minusSeconds(16 * 60);
        var waiting = new ChargerAllocation("CP-3", 0, 22, "queued", "s", NOW, null, "charger", queuedSince, 3, Map.of(),
                "floor", null, null, null);
        var recent = new ChargerAllocation("CP-4", 0, 22, "queued", "s", NOW, null, "charger", NOW.minusSeconds(60), 3,
                Map.of(), "floor", null, null, null);
        var chargers = List.of(waiting, recent);

        assertThat(AlertRules.evaluate(allocation(chargers, List.of()), rotation(15), NOW))
                .singleElement().satisfies(a -> {
                    assertThat(a.key()).isEqualTo("QUEUED_TOO_LONG:CP-3");
                    assertThat(a.since()).isEqualTo(queuedSince);
                    assertThat(a.message()).contains("16 min").contains("every 15 min");
                });
        assertThat(AlertRules.evaluate(allocation(chargers, List.of()), rotation(null), NOW)).isEmpty();
    }

    @Test
    void a_refused_limit_an_ignored_one_and_a_vehicle_at_risk_are_alerts() {
        var since = NOW.minusSeconds(30);
        var refused = new ChargerAllocation("CP-1", 11, 22, "charging", "s", NOW, null, "charger", null, 3, Map.of(),
                "budget", new ChargerAllocation.ProfileState("refused", 7.0, since), false, false);
        var over = new ChargerAllocation("CP-2", 11, 22, "charging", "s", NOW, 16.0, "charger", null, 3, Map.of(),
                "budget", new ChargerAllocation.ProfileState("in_sync", 11.0, since), true, true);

        var alerts = AlertRules.evaluate(allocation(List.of(refused, over), List.of()), null, NOW);

        assertThat(alerts).extracting(Alert::key)
                .containsExactly("LIMIT_REFUSED:CP-1", "OVER_LIMIT:CP-2", "AT_RISK:CP-2");
        assertThat(alerts.getFirst().since()).isEqualTo(since);
        assertThat(alerts.getFirst().message()).contains("last accepted 7.0 kW");
        assertThat(alerts.get(1).message()).isEqualTo("CP-2 draws 16.0 kW over its limit of 11.0 kW");
    }

    @Test
    void a_stale_meter_and_an_external_limit_in_force_are_alerts() {
        var allocation = new Allocation("s", "equal", 40, 30, NOW, List.of(), List.of(),
                new Allocation.BudgetParts(150.0, 92.5, 40.0, "external:dso"),
                List.of(new Allocation.MeterState("main", "grid", 120.0, 57.0, NOW, true),
                        new Allocation.MeterState("hvac", "row-1", 12.0, 4.0, NOW, false)));

        var alerts = AlertRules.evaluate(allocation, null, NOW);

        assertThat(alerts).extracting(Alert::key).containsExactly("STALE_METER:main", "EXTERNAL_LIMIT:dso");
        assertThat(alerts.get(1).message()).contains("40.0 kW");
    }

    @Test
    void nothing_to_report_and_no_allocation_give_no_alerts() {
        assertThat(AlertRules.evaluate(allocation(List.of(charger("CP-1", 22, "charging")),
                List.of(new CircuitLoad("row-1", 32, Map.of("L1", 20.0)))), rotation(15), NOW)).isEmpty();
        assertThat(AlertRules.evaluate(null, null, NOW)).isEmpty();
    }
}
