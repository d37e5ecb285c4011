package dev.dynamo.console.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Charger;
import dev.dynamo.console.client.FieldError;
import dev.dynamo.console.task.SameThreadBackground;
import dev.dynamo.console.testengine.OperatorEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteEditorViewModelTest {
    private OperatorEngine engine;
    private SiteEditorViewModel model;

    @BeforeEach
    void start() throws Exception {
        engine = new OperatorEngine();
        model = new SiteEditorViewModel(new SameThreadBackground());
        model.attach(engine.connect(OperatorEngine.YARD));
    }

    @AfterEach
    void stop() { engine.close(); }

    @Test
    void the_site_is_loaded_as_drafts_of_its_circuits_and_chargers() {
        assertThat(model.capacityKwProperty().get()).isEqualTo("100");
        assertThat(model.gridCurrentAProperty().get()).isEmpty();
        assertThat(model.circuits()).extracting(c -> c.circuitIdProperty().get() + " " + c.maxCurrentAProperty().get())
                .containsExactly("row-1 32");
        assertThat(model.chargers()).extracting(c -> c.chargePointIdProperty().get() + " " + c.circuitIdProperty().get())
                .containsExactly("Y-1 row-1", "Y-2 row-1", "Y-3 row-1", "Y-4 null");
        assertThat(model.chargers()).allSatisfy(c -> assertThat(c.passwordProperty().get()).isEmpty());
    }

    @Test
    void an_added_circuit_and_charger_and_an_edited_rating_are_stored_with_put_site() {
        var circuit = model.addCircuit(null);
        circuit.circuitIdProperty().set("row-2");
        circuit.maxCurrentAProperty().set("63");
        var charger = model.addCharger("row-2");
        charger.chargePointIdProperty().set("Y-5");
        charger.phasesProperty().set(1);
        charger.phaseProperty().set("L2");
        charger.maxPowerKwProperty().set("7.4");
        charger.unitProperty().set("A");
        charger.passwordProperty().set("a-long-enough-secret-16");
        model.chargers().getFirst().maxPowerKwProperty().set("11");
        model.removeCharger(model.chargers().get(3));

        model.apply();

        assertThat(model.errorProperty().get()).isNull();
        assertThat(model.appliedCountProperty().get()).isEqualTo(1);
        var stored = engine.api.site(OperatorEngine.YARD);
        assertThat(stored.circuits()).extracting(c -> c.circuitId() + " " + c.maxCurrentA()).containsExactly("row-1 32.0", "row-2 63.0");
        assertThat(stored.chargers()).extracting(Charger::chargePointId).containsExactly("Y-1", "Y-2", "Y-3", "Y-5");
        assertThat(stored.chargers().getFirst().maxPowerKw()).isEqualTo(11.0);
        var added = stored.chargers().get(3);
        assertThat(added.circuitId()).isEqualTo("row-2");
        assertThat(added.phase()).isEqualTo("L2");
        assertThat(added.phases()).isEqualTo(1);
        assertThat(added.chargingRateUnit()).isEqualTo("A");
    }

    @Test
    void a_rating_the_engine_refuses_shows_its_message_on_that_charger_and_nothing_is_stored() {
        model.chargers().get(1).maxPowerKwProperty().set("-5");

        model.apply();

        assertThat(model.chargers().get(1).errors().get("max_power_kw")).isNotBlank();
        assertThat(model.chargers().getFirst().errors()).isEmpty();
        assertThat(model.errorProperty().get()).contains("422");
        assertThat(engine.api.site(OperatorEngine.YARD).chargers().get(1).maxPowerKw()).isEqualTo(22.0);
    }

    @Test
    void text_that_is_not_a_number_is_caught_before_asking_the_engine() {
        model.circuits().getFirst().maxCurrentAProperty().set("lots");

        model.apply();

        assertThat(model.circuits().getFirst().errors().get("max_current_a")).isEqualTo("enter a number");
        assertThat(model.errorProperty().get()).isEqualTo("Some fields need fixing");
    }

    @Test
    void a_circuit_with_chargers_under_it_is_not_removed() {
        assertThat(model.removeCircuit(model.circuits().getFirst())).isFalse();
        assertThat(model.errorProperty().get()).contains("3 chargers");
        assertThat(model.circuits()).hasSize(1);
    }

    @Test
    void field_errors_of_the_site_itself_and_of_circuits_land_where_they_belong() {
        model.place(new FieldError("circuits[0].max_current_a", "must be > 0"));
        model.place(new FieldError("grid_connection_capacity_kw", "must be > 0"));
        model.place(new FieldError("chargers[9].phase", "out of range"));

        assertThat(model.circuits().getFirst().errors()).containsEntry("max_current_a", "must be > 0");
        assertThat(model.siteErrors()).containsEntry("grid_connection_capacity_kw", "must be > 0")
                .containsEntry("chargers[9].phase", "out of range");
    }

    @Test
    void a_renamed_circuit_keeps_its_chargers_and_is_stored_under_its_new_id() {
        model.circuits().getFirst().circuitIdProperty().set("row-A");

        assertThat(model.chargers()).extracting(c -> c.circuitIdProperty().get()).containsExactly("row-A", "row-A", "row-A", null);
        model.apply();

        assertThat(model.errorProperty().get()).isNull();
        assertThat(engine.api.site(OperatorEngine.YARD).chargers().getFirst().circuitId()).isEqualTo("row-A");
    }

    @Test
    void a_meter_added_on_a_circuit_is_stored_and_its_missing_fallback_load_is_the_engines_field_error() {
        var meter = model.addMeter("row-1");
        meter.meterIdProperty().set("row-meter");

        model.apply();

        assertThat(meter.errors().get("fallback_load_kw")).isNotBlank();
        assertThat(engine.api.site(OperatorEngine.YARD).meters()).isEmpty();

        meter.fallbackLoadKwProperty().set("4");
        model.apply();

        assertThat(model.errorProperty().get()).isNull();
        assertThat(engine.api.site(OperatorEngine.YARD).meters()).singleElement().satisfies(m -> {
            assertThat(m.meterId()).isEqualTo("row-meter");
            assertThat(m.node()).isEqualTo("row-1");
            assertThat(m.source()).isEqualTo("api");
            assertThat(m.fallbackLoadKw()).isEqualTo(4.0);
        });
        assertThat(model.meters()).extracting(m -> m.meterIdProperty().get()).containsExactly("row-meter");
    }

    @Test
    void meters_with_an_explicit_modbus_map_go_back_unchanged_when_the_site_is_stored() throws Exception {
        var office = java.nio.file.Path.of("..", "resources", "sites", "depot-with-grid-meter.json");
        try (var running = new dev.dynamo.console.embedded.EmbeddedEngineStarter(office).start()) {
            var api = new dev.dynamo.console.client.HttpEngineClient(running.baseUri(), running.apiKey());
            var before = api.site("office").meters();
            var editor = new SiteEditorViewModel(new SameThreadBackground());
            editor.attach(new dev.dynamo.console.client.ConnectedSite(api, api.site("office"), "embedded", false));
            assertThat(editor.meters()).extracting(m -> m.meterIdProperty().get() + " " + m.nodeProperty().get())
                    .containsExactly("main grid", "garage-meter garage");
            assertThat(editor.meters().get(1).mapDescription()).startsWith("explicit register map");

            editor.meters().get(1).pollIntervalMsProperty().set("2000");
            editor.apply();

            assertThat(editor.errorProperty().get()).isNull();
            var after = api.site("office").meters();
            assertThat(after.getFirst()).isEqualTo(before.getFirst());
            assertThat(after.get(1).modbus().pollIntervalMs()).isEqualTo(2000);
            assertThat(after.get(1).modbus().map()).isEqualTo(before.get(1).modbus().map());
        }
    }
}
