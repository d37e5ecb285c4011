package dev.dynamo.console.live;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.SessionChange;
import dev.dynamo.console.client.SessionInfo;
import dev.dynamo.console.task.Background;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The session part of a charger's panel (contract 10): its energy needed and delivered, its departure in site
 * local time and how far off it is, whether it is at risk, and the form that changes the need and departure
 * through {@code PATCH …/session}. Save sends only the fields the user changed (an unchanged departure that has
 * meanwhile passed is not sent back to be refused); Clear sends a JSON null for its field at once. The engine's
 * 400/422 field errors are kept by contract field name for the view to show beside the field.
 */
public final class SessionViewModel {
    public static final String ENERGY = "energy_needed_kwh";
    public static final String DEPARTURE = "departure_at";
    private static final List<String> FIELDS = List.of(ENERGY, DEPARTURE);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TIME_INPUT = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT);

    private final Background background;
    private final Clock clock;
    private final Runnable onSaved;
    private final ReadOnlyStringWrapper chargePointId = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper hasSession = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper needed = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper delivered = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper departure = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper departureIn = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper atRisk = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper riskText = new ReadOnlyStringWrapper();
    private final StringProperty neededInput = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> departureDate = new SimpleObjectProperty<>();
    private final StringProperty departureTime = new SimpleStringProperty("");
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private final ObservableMap<String, String> fieldErrorsView = FXCollections.unmodifiableObservableMap(fieldErrors);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    private ConnectedSite site;
    private ZoneId zone = ZoneOffset.UTC;
    private SessionInfo session;
    // what the form showed when it was filled: a field is sent only when its input differs from this
    private String loadedNeeded = "";
    private LocalDate loadedDate;
    private String loadedTime = "";

    public SessionViewModel(Background background, Clock clock, Runnable onSaved) {
        this.background = background;
        this.clock = clock;
        this.onSaved = onSaved;
    }

    /** The charger whose session is shown; null while the panel is closed. */
    public ReadOnlyStringProperty chargePointIdProperty() { return chargePointId.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty hasSessionProperty() { return hasSession.getReadOnlyProperty(); }

    /** "40 kWh", or "not set". */
    public ReadOnlyStringProperty neededProperty() { return needed.getReadOnlyProperty(); }

    /** "12.3 kWh (31 %)". */
    public ReadOnlyStringProperty deliveredProperty() { return delivered.getReadOnlyProperty(); }

    /** "Mon 7 Dec 05:30 (site time, Europe/Amsterdam)", or "not set". */
    public ReadOnlyStringProperty departureProperty() { return departure.getReadOnlyProperty(); }

    /** "in 3 h 20 min", "passed 5 min ago", or empty. */
    public ReadOnlyStringProperty departureInProperty() { return departureIn.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty atRiskProperty() { return atRisk.getReadOnlyProperty(); }

    /** "⚠ At risk: …", "On track: …", or empty without a departure. */
    public ReadOnlyStringProperty riskTextProperty() { return riskText.getReadOnlyProperty(); }

    /** Energy needed as typed (kWh); empty means none. */
    public StringProperty neededInputProperty() { return neededInput; }

    /** Departure date (site local); empty with a time means the next such time. */
    public ObjectProperty<LocalDate> departureDateProperty() { return departureDate; }

    /** Departure time as typed, HH:MM in site local time; empty (and no date) means none. */
    public StringProperty departureTimeProperty() { return departureTime; }

    /** Messages by contract field ({@code energy_needed_kwh}, {@code departure_at}), from the engine or local checks. */
    public ObservableMap<String, String> fieldErrors() { return fieldErrorsView; }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** A change is on its way to the engine. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    void attach(ConnectedSite connectedSite) {
        site = connectedSite;
        zone = LiveViewModel.zone(connectedSite.site().timezone());
        close();
    }

    /** Shows a charger's session (null: none) and fills the form with it. */
    void open(String id, SessionInfo current, boolean risk, ZoneId siteZone) {
        zone = siteZone;
        chargePointId.set(id);
        fieldErrors.clear();
        error.set(null);
        status.set(null);
        atRisk.set(risk);
        show(current);
        fill(current);
    }

    void close() {
        chargePointId.set(null);
        session = null;
        hasSession.set(false);
        fieldErrors.clear();
        error.set(null);
        status.set(null);
        busy.set(false);
    }

    /** A fresh reading of the open session (delivered energy rises); the form is left as the user has it. */
    void update(SessionInfo current) {
        if (chargePointId.get() == null) return;
        show(current);
    }

    /** The engine's latest {@code at_risk} for the open charger; also moves "in 3 h 20 min" on. */
    void atRisk(boolean risk) {
        if (chargePointId.get() == null) return;
        atRisk.set(risk);
        showDeparture();
    }

    /** Sends the fields the user changed; nothing is sent when a field cannot be read. */
    public void save() {
        var id = chargePointId.get();
        if (site == null || id == null || busy.get()) return;
        fieldErrors.clear();
        error.set(null);
        var change = SessionChange.NONE;
        if (!neededInput.get().strip().equals(loadedNeeded)) {
            var text = neededInput.get().strip();
            if (text.isEmpty()) {
                change = change.withEnergyNeeded(null);
            } else {
                try {
                    change = change.withEnergyNeeded(Double.parseDouble(text.replace(',', '.')));
                } catch (NumberFormatException e) {
                    fieldErrors.put(ENERGY, "a number of kWh, or empty for none");
                }
            }
        }
        if (!Objects.equals(departureDate.get(), loadedDate) || !departureTime.get().strip().equals(loadedTime)) {
            try {
                change = change.withDeparture(departure(departureDate.get(), departureTime.get(), zone, clock.instant()));
            } catch (IllegalArgumentException e) {
                fieldErrors.put(DEPARTURE, e.getMessage());
            }
        }
        if (!fieldErrors.isEmpty()) {
            error.set("Some fields need fixing");
            return;
        }
        if (change.empty()) {
            status.set("Nothing changed");
            return;
        }
        send(id, change);
    }

    /** Clears the energy need on the engine at once. */
    public void clearNeeded() {
        sendAtOnce(SessionChange.NONE.withEnergyNeeded(null));
    }

    /** Clears the departure on the engine at once. */
    public void clearDeparture() {
        sendAtOnce(SessionChange.NONE.withDeparture(null));
    }

    private void sendAtOnce(SessionChange change) {
        var id = chargePointId.get();
        if (site == null || id == null || busy.get()) return;
        fieldErrors.clear();
        error.set(null);
        send(id, change);
    }

    private void send(String id, SessionChange change) {
        var current = site;
        busy.set(true);
        status.set("Saving…");
        background.submit(_ -> current.api().changeSession(current.siteId(), id, change), stored -> {
            if (current != site || !id.equals(chargePointId.get())) return;
            busy.set(false);
            status.set("Saved at " + TIME.format(clock.instant().atZone(zone)) + " (site time)");
            show(stored);
            fill(stored);
            onSaved.run();
        }, failure -> {
            if (current != site || !id.equals(chargePointId.get())) return;
            busy.set(false);
            status.set(null);
            failed(failure);
        });
    }

    private void failed(Throwable failure) {
        var message = EngineException.describe(failure);
        if (failure instanceof EngineException e) {
            if (e.notFound()) message = "No session on " + chargePointId.get() + " any more (it ended): " + e.detail();
            var elsewhere = new StringBuilder();
            for (var fieldError : e.fieldErrors()) {
                if (FIELDS.contains(fieldError.field())) {
                    fieldErrors.merge(fieldError.field(), fieldError.message(), (a, b) -> a + "; " + b);
                } else {
                    elsewhere.append(" — ").append(fieldError.field()).append(": ").append(fieldError.message());
                }
            }
            message += elsewhere;
        }
        error.set(message);
    }

    private void show(SessionInfo current) {
        session = current;
        hasSession.set(current != null);
        if (current == null) {
            needed.set(null);
            delivered.set(null);
            departure.set(null);
            departureIn.set(null);
            riskText.set(null);
            return;
        }
        needed.set(current.energyNeededKwh() == null ? "not set" : TileProgress.kwh(current.energyNeededKwh()) + " kWh");
        var done = current.energyDeliveredKwh();
        if (done == null) {
            delivered.set("not reported");
        } else if (current.energyNeededKwh() != null && current.energyNeededKwh() > 0) {
            delivered.set(String.format(Locale.ROOT, "%s kWh (%.0f %% of the need)", TileProgress.kwh(done),
                    Math.min(100, 100 * done / current.energyNeededKwh())));
        } else {
            delivered.set(TileProgress.kwh(done) + " kWh");
        }
        showDeparture();
    }

    private void showDeparture() {
        var current = session;
        if (current == null) return;
        if (current.departureAt() == null) {
            departure.set("not set");
            departureIn.set(null);
            riskText.set(atRisk.get() ? "⚠ At risk" : null);
            return;
        }
        departure.set(WHEN.format(current.departureAt().atZone(zone)) + " (site time)");
        departureIn.set(until(Duration.between(clock.instant(), current.departureAt())));
        riskText.set(atRisk.get() ? "⚠ At risk: its need cannot be met by then, even at its cap"
                : "✓ On track: its need can still be met by its departure");
    }

    private void fill(SessionInfo current) {
        loadedNeeded = current == null || current.energyNeededKwh() == null ? "" : TileProgress.kwh(current.energyNeededKwh());
        var at = current == null || current.departureAt() == null ? null : current.departureAt().atZone(zone);
        loadedDate = at == null ? null : at.toLocalDate();
        loadedTime = at == null ? "" : TIME.format(at);
        neededInput.set(loadedNeeded);
        departureDate.set(loadedDate);
        departureTime.set(loadedTime);
    }

    /**
     * The departure the form says, in the site's zone: a date and a time; a time alone is the next such time
     * after {@code now} (as a site's {@code vehicles} read "05:30"); neither is none (null).
     */
    static Instant departure(LocalDate date, String time, ZoneId zone, Instant now) {
        var text = time == null ? "" : time.strip();
        if (text.isEmpty()) {
            if (date != null) throw new IllegalArgumentException("enter a time (HH:MM) for that date, or clear the date");
            return null;
        }
        LocalTime at;
        try {
            at = LocalTime.parse(text.replace('.', ':'), TIME_INPUT);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a time as HH:MM in site time, e.g. 05:30");
        }
        if (date != null) return date.atTime(at).atZone(zone).toInstant();
        var today = now.atZone(zone).toLocalDate().atTime(at).atZone(zone).toInstant();
        return today.isAfter(now) ? today : now.atZone(zone).toLocalDate().plusDays(1).atTime(at).atZone(zone).toInstant();
    }

    /** "in 3 h 20 min", "in 45 min", "in 2 d 4 h", "passed 5 min ago". */
    static String until(Duration left) {
        var minutes = (long) Math.ceil(Math.abs(left.toSeconds()) / 60.0);
        String span;
        if (minutes < 60) span = minutes + " min";
        else if (minutes < 24 * 60) span = minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        else span = minutes / (24 * 60) + " d " + (minutes % (24 * 60)) / 60 + " h";
        return left.isNegative() ? "passed " + span + " ago" : "in " + span;
    }
}
