package dev.dynamo.console.grid;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.ExternalLimit;
import dev.dynamo.console.task.Background;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The external limits in force on the Live screen's site (contract 9.3) and a form to set one or lift one.
 * Every call goes through {@link Background}, off the FX thread; the engine's field errors come back here.
 */
public final class GridLimitsModel {
    private final ObservableList<ExternalLimit> limits = FXCollections.observableArrayList();
    private final ObservableList<ExternalLimit> limitsView = FXCollections.unmodifiableObservableList(limits);
    private final StringProperty source = new SimpleStringProperty("");
    private final StringProperty maxPowerKw = new SimpleStringProperty("");
    private final StringProperty validUntil = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private Background background;
    private ConnectedSite site;
    private Double lastExternalKw;

    public ObservableList<ExternalLimit> limits() { return limitsView; }

    public StringProperty sourceProperty() { return source; }

    public StringProperty maxPowerKwProperty() { return maxPowerKw; }

    /** ISO 8601 with offset, or empty for a limit without end. */
    public StringProperty validUntilProperty() { return validUntil; }

    public StringProperty reasonProperty() { return reason; }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public void attach(ConnectedSite connectedSite, Background work) {
        site = connectedSite;
        background = work;
        limits.clear();
        error.set(null);
        lastExternalKw = null;
        refresh();
    }

    /** The allocation's least external limit moved (set elsewhere, lifted or expired): fetch the list again. */
    public void externalKwSeen(Double externalKw) {
        if (site == null || java.util.Objects.equals(externalKw, lastExternalKw)) return;
        lastExternalKw = externalKw;
        refresh();
    }

    public void refresh() {
        if (site == null) return;
        var current = site;
        background.submit(_ -> current.api().limits(current.siteId()).limits(),
                list -> { if (current == site) limits.setAll(list); },
                failure -> { if (current == site) error.set(EngineException.describe(failure)); });
    }

    /** Sets (or replaces) the limit the form describes; what is wrong with it is shown, nothing is sent. */
    public void set() {
        if (site == null || busy.get()) return;
        var name = source.get() == null ? "" : source.get().strip();
        if (name.isEmpty()) {
            error.set("Give the limit a source, such as dso or ems");
            return;
        }
        double kw;
        try {
            kw = Double.parseDouble(maxPowerKw.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            error.set("max_power_kw must be a number of kW");
            return;
        }
        Instant until = null;
        var untilText = validUntil.get() == null ? "" : validUntil.get().strip();
        if (!untilText.isEmpty()) {
            try {
                until = OffsetDateTime.parse(untilText).toInstant();
            } catch (DateTimeException e) {
                error.set("valid_until must be a date-time with offset, like 2026-11-24T18:00:00+01:00");
                return;
            }
        }
        var current = site;
        var validTo = until;
        busy.set(true);
        background.submit(_ -> current.api().putLimit(current.siteId(), name, kw, validTo, reason.get()),
                _ -> { busy.set(false); error.set(null); refresh(); },
                failure -> { busy.set(false); error.set(EngineException.describe(failure)); });
    }

    public void lift(String limitSource) {
        if (site == null || busy.get()) return;
        var current = site;
        busy.set(true);
        background.submit(_ -> { current.api().deleteLimit(current.siteId(), limitSource); return null; },
                _ -> { busy.set(false); error.set(null); refresh(); },
                failure -> { busy.set(false); error.set(EngineException.describe(failure)); });
    }
}
