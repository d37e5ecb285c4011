package dev.dynamo.console.live;

import dev.dynamo.console.theme.TileFactory;
import eu.hansolo.tilesfx.Tile;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridView;

/** Live screen: site tiles on top, a virtualised, scrollable grid of charger gauges below. */
public final class LiveView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private static final double ROW_SPACING_PX = 6;

    private final LiveViewModel model;
    private final Tile siteTile = TileFactory.siteGauge();
    private final Label strategy = new Label("–");
    private final Label decidedAt = new Label("–");
    private final GridView<ChargerGauge> grid = new GridView<>();
    private final Button rebalance = new Button("_Rebalance now");
    private final Label rebalanceResult = new Label();
    private final Label notice = new Label();
    private final Label error = new Label();
    private final Label demoBadge = new Label("DEMO: a simulated scenario, playing in a loop");
    private final Label activeCount = new Label();
    private final javafx.scene.control.ComboBox<String> whyChoice = new javafx.scene.control.ComboBox<>();
    private final WhyPanel whyPanel;

    public LiveView(LiveViewModel model) {
        this.model = model;
        this.whyPanel = new WhyPanel(model.why());
        createView();
        initListeners();
    }

    private void createView() {
        setId("live-screen");
        getStyleClass().add("screen");
        var title = new Label("Live allocation");
        title.getStyleClass().add("screen-title");
        demoBadge.getStyleClass().add("badge");
        var titleRow = new HBox(14, title, demoBadge);
        titleRow.setAlignment(Pos.CENTER_LEFT);

        siteTile.setId("site-tile");
        strategy.setId("live-strategy");
        decidedAt.setId("live-decided-at");
        strategy.getStyleClass().add("huge-value");
        decidedAt.getStyleClass().add("huge-value");
        var strategyCaption = new Label("Strategy");
        var decidedCaption = new Label("Last decision (engine time)");
        strategyCaption.getStyleClass().add("section-title");
        decidedCaption.getStyleClass().add("section-title");
        var facts = new VBox(6, strategyCaption, strategy, new Region(), decidedCaption, decidedAt);
        facts.getStyleClass().add("panel");
        facts.setPrefWidth(300);
        rebalance.setId("rebalance");
        rebalance.setDefaultButton(false);
        rebalanceResult.setId("rebalance-result");
        rebalanceResult.getStyleClass().add("big-number");
        activeCount.getStyleClass().add("big-number");
        whyChoice.setId("why-choice");
        whyChoice.setPromptText("a charger");
        whyChoice.setMaxWidth(Double.MAX_VALUE);
        var whyLabel = new Label("_Why does it get that much?");
        whyLabel.setMnemonicParsing(true);
        whyLabel.setLabelFor(whyChoice);
        var actions = new VBox(8, activeCount, legend(), rebalance, rebalanceResult, whyLabel, whyChoice);
        actions.getStyleClass().add("panel");
        actions.setPrefWidth(260);
        var tiles = new HBox(14, siteTile, facts, actions);

        notice.setId("live-notice");
        notice.getStyleClass().add("section-title");
        error.setId("live-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);

        grid.setId("charger-grid");
        grid.setCellWidth(TileFactory.CHARGER_TILE_WIDTH);
        grid.setCellHeight(TileFactory.CHARGER_TILE_HEIGHT);
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(ROW_SPACING_PX);
        var refresher = new TileRefresher();
        grid.setCellFactory(_ -> new ChargerTileCell(refresher, (id, byKeyboard) -> {
            model.why().select(id);
            // the keyboard follows into the panel's session form; Escape there closes the panel
            if (byKeyboard) javafx.application.Platform.runLater(whyPanel::focusSession);
        }));
        grid.setItems(model.gauges());
        grid.skinProperty().subscribe(LiveView::fixRowHeight);

        var top = new VBox(12, titleRow, tiles, new dev.dynamo.console.grid.GridCardView(model.grid()),
                new dev.dynamo.console.grid.GridLimitsView(model.limits()), new CircuitPanel(model.circuitRows()), notice, error);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);
        setCenter(grid);
        // the panel scrolls within the height left beside the tiles, at any window size (1280×800 included)
        var whyScroll = new javafx.scene.control.ScrollPane(whyPanel);
        whyScroll.setId("why-scroll");
        whyScroll.setFitToWidth(true);
        whyScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        whyScroll.setMinHeight(0);
        whyScroll.setPrefViewportWidth(380);
        whyScroll.visibleProperty().bind(whyPanel.visibleProperty());
        whyScroll.managedProperty().bind(whyPanel.visibleProperty());
        whyScroll.getStyleClass().add("why-scroll");
        // another charger's panel opens at its top (its session), whatever the last one was scrolled to
        model.why().selectedProperty().addListener((_, was, id) -> {
            if (id != null && !id.equals(was)) whyScroll.setVvalue(0);
        });
        // a field reached with Tab in the panel is scrolled into view
        sceneProperty().subscribe(scene -> {
            if (scene != null) scene.focusOwnerProperty().subscribe(owner -> reveal(whyScroll, owner));
        });
        setRight(whyScroll);
        setPadding(new Insets(20));
    }

    private void reveal(javafx.scene.control.ScrollPane scroll, javafx.scene.Node owner) {
        var inside = false;
        for (var at = owner; at != null && !inside; at = at.getParent()) inside = at == whyPanel;
        if (!inside || !whyPanel.isVisible()) return;
        var bounds = whyPanel.sceneToLocal(owner.localToScene(owner.getLayoutBounds()));
        var viewport = scroll.getViewportBounds().getHeight();
        var room = whyPanel.getHeight() - viewport;
        if (room <= 0) return;
        var top = scroll.getVvalue() * room;
        if (bounds.getMaxY() > top + viewport) scroll.setVvalue(Math.min(1, (bounds.getMaxY() + 8 - viewport) / room));
        else if (bounds.getMinY() < top) scroll.setVvalue(Math.max(0, (bounds.getMinY() - 8) / room));
    }

    /**
     * Every row has the same height; telling the grid's flow so stops it from estimating its length by
     * re-filling a measuring row with one row of tiles after another on every layout pass.
     */
    private static void fixRowHeight(Skin<?> skin) {
        if (!(skin instanceof SkinBase<?> base)) return;
        var rowHeightPx = TileFactory.CHARGER_TILE_HEIGHT + 2 * ROW_SPACING_PX; // as GridRowSkin sizes a row
        for (var child : base.getChildren()) {
            if (child instanceof VirtualFlow<?> flow) flow.setFixedCellSize(rowHeightPx);
        }
    }

    private static HBox legend() {
        var legend = new HBox(6);
        for (var status : ChargerStatus.values()) {
            var chip = new Label(status.label());
            chip.getStyleClass().addAll("legend-chip", status.name().toLowerCase(java.util.Locale.ROOT));
            chip.setMinWidth(Region.USE_PREF_SIZE);
            legend.getChildren().add(chip);
        }
        return legend;
    }

    private void initListeners() {
        rebalance.setOnAction(_ -> model.rebalance());
        rebalanceResult.textProperty().bind(model.rebalanceResultProperty());
        demoBadge.visibleProperty().bind(model.demoProperty());
        demoBadge.managedProperty().bind(model.demoProperty());
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotNull());
        notice.managedProperty().bind(notice.visibleProperty());
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        model.totalAllocatedKwProperty().addListener(_ -> showSite());
        model.budgetKwProperty().addListener(_ -> showSite());
        model.gridCapacityKwProperty().addListener(_ -> showSite());
        strategy.textProperty().bind(model.strategyProperty());
        model.calculatedAtProperty().addListener((_, _, at) -> decidedAt.setText(at == null ? "–" : TIME.format(at)));
        model.gauges().addListener((javafx.collections.ListChangeListener<ChargerGauge>) _ -> {
            showCount();
            var ids = model.gauges().stream().map(ChargerGauge::chargePointId).toList();
            if (!ids.equals(whyChoice.getItems())) whyChoice.getItems().setAll(ids);
        });
        whyChoice.setOnAction(_ -> { if (whyChoice.getValue() != null) model.why().select(whyChoice.getValue()); });
        model.why().selectedProperty().addListener((_, _, id) -> {
            if (id == null) whyChoice.setValue(null);
            else if (!id.equals(whyChoice.getValue())) whyChoice.setValue(id);
        });
        showSite();
        showCount();
    }

    private void showSite() {
        var capacity = Math.max(model.gridCapacityKwProperty().get(), 1);
        if (siteTile.getMaxValue() != capacity) siteTile.setMaxValue(capacity);
        // each TilesFX setter redraws the tile, even for an unchanged value; one refresh calls this thrice
        var budgetKw = model.budgetKwProperty().get();
        if (siteTile.getThreshold() != budgetKw) siteTile.setThreshold(budgetKw);
        var totalKw = model.totalAllocatedKwProperty().get();
        if (siteTile.getValue() != totalKw) siteTile.setValue(totalKw);
        var text = "budget " + ChargerTileCell.kw(budgetKw) + " · grid " + ChargerTileCell.kw(model.gridCapacityKwProperty().get());
        if (!text.equals(siteTile.getText())) siteTile.setText(text);
    }

    private void showCount() {
        activeCount.setText(model.gauges().size() + " active chargers");
    }

    /** Lets keyboard users reach the main action of the screen. */
    public void focusDefault() { rebalance.requestFocus(); }

    Region grid() { return grid; }
}
