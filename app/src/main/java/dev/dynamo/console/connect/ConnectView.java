package dev.dynamo.console.connect;

import dev.dynamo.console.client.Site;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Connect screen: embedded engine or URL + key, connect/retry, site picker, errors in the window. */
public final class ConnectView extends VBox {
    private final ConnectViewModel model;
    private final RadioButton embedded = new RadioButton("_Embedded engine (demo site, started in this window)");
    private final RadioButton remote = new RadioButton("Engine at _URL");
    private final TextField url = new TextField();
    private final PasswordField apiKey = new PasswordField();
    private final Button connect = new Button("_Connect");
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label state = new Label();
    private final Label error = new Label();
    private final ComboBox<Site> sitePicker = new ComboBox<>();

    public ConnectView(ConnectViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("connect-screen");
        getStyleClass().add("screen");
        var title = new Label("Connect to an engine");
        title.getStyleClass().add("screen-title");

        var mode = new ToggleGroup();
        embedded.setToggleGroup(mode);
        remote.setToggleGroup(mode);
        embedded.setId("mode-embedded");
        remote.setId("mode-remote");
        url.setId("engine-url");
        url.setPromptText("http://127.0.0.1:8080");
        url.setPrefColumnCount(28);
        apiKey.setId("api-key");
        apiKey.setPromptText("API key (empty when the engine has none)");
        var urlLabel = new Label("Engine _URL");
        urlLabel.setMnemonicParsing(true);
        urlLabel.setLabelFor(url);
        var keyLabel = new Label("API _key");
        keyLabel.setMnemonicParsing(true);
        keyLabel.setLabelFor(apiKey);
        var form = new GridPane(12, 10);
        form.addRow(0, urlLabel, url);
        form.addRow(1, keyLabel, apiKey);
        form.setPadding(new javafx.geometry.Insets(0, 0, 0, 28));

        connect.setId("connect");
        connect.setDefaultButton(true);
        spinner.setPrefSize(24, 24);
        state.setId("connect-state");
        state.getStyleClass().add("big-number");
        var actions = new HBox(14, connect, spinner, state);
        actions.setAlignment(Pos.CENTER_LEFT);

        error.setId("connect-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMaxWidth(720);

        sitePicker.setId("site-picker");
        sitePicker.setPrefWidth(520); // wide enough for "name  (id, N chargers, N kW grid)"
        sitePicker.setCellFactory(_ -> new SiteCell());
        sitePicker.setButtonCell(new SiteCell());
        var siteLabel = new Label("_Site");
        siteLabel.setMnemonicParsing(true);
        siteLabel.setLabelFor(sitePicker);
        var siteRow = new HBox(12, siteLabel, sitePicker);
        siteRow.setAlignment(Pos.CENTER_LEFT);

        var hint = new Label("The embedded engine listens on a random loopback port with a random API key; "
                + "it stops when the console closes.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);

        var panel = new VBox(14, embedded, hint, remote, form, actions, error, siteRow);
        panel.getStyleClass().add("panel");
        panel.setMaxWidth(820);
        getChildren().addAll(title, panel);
    }

    private void initListeners() {
        embedded.setSelected(model.embeddedProperty().get());
        remote.setSelected(!model.embeddedProperty().get());
        embedded.selectedProperty().addListener((_, _, on) -> model.embeddedProperty().set(on));
        model.embeddedProperty().addListener((_, _, on) -> { embedded.setSelected(on); remote.setSelected(!on); });
        url.textProperty().bindBidirectional(model.engineUrlProperty());
        apiKey.textProperty().bindBidirectional(model.apiKeyProperty());
        url.disableProperty().bind(model.embeddedProperty());
        apiKey.disableProperty().bind(model.embeddedProperty());

        connect.setOnAction(_ -> model.connect());
        var connecting = model.stateProperty().isEqualTo(ConnectionState.CONNECTING);
        connect.disableProperty().bind(connecting);
        spinner.visibleProperty().bind(connecting);
        model.stateProperty().addListener((_, _, s) -> {
            state.setText(s.label());
            connect.setText(s == ConnectionState.FAILED ? "_Retry" : "_Connect");
        });
        state.setText(model.stateProperty().get().label());

        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotNull());

        sitePicker.setItems(model.sites());
        sitePicker.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.sites()));
        model.connectedProperty().addListener((_, _, site) -> {
            if (site != null) sitePicker.getSelectionModel().select(site.site());
        });
        sitePicker.setOnAction(_ -> {
            var chosen = sitePicker.getValue();
            var current = model.connectedProperty().get();
            if (chosen != null && (current == null || !current.siteId().equals(chosen.siteId()))) {
                model.chooseSite(chosen);
            }
        });
    }

    public void focusDefault() { connect.requestFocus(); }

    private static final class SiteCell extends ListCell<Site> {
        @Override
        protected void updateItem(Site site, boolean empty) {
            super.updateItem(site, empty);
            setText(empty || site == null ? null
                    : site.name() + "  (" + site.siteId() + ", " + site.chargers().size() + " chargers, "
                      + (long) site.gridConnectionCapacityKw() + " kW grid)");
        }
    }
}
