package dev.dynamo.ocpp.v16;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An OCPP 1.6 action this engine speaks, with the records of its request and confirmation. */
public record Action<Q extends Record, C extends Record>(String name, Class<Q> requestType, Class<C> confirmationType) {

    // Charge point → central system.
    public static final Action<BootNotification.Request, BootNotification.Confirmation> BOOT_NOTIFICATION =
            new Action<>("BootNotification", BootNotification.Request.class, BootNotification.Confirmation.class);
    public static final Action<Heartbeat.Request, Heartbeat.Confirmation> HEARTBEAT =
            new Action<>("Heartbeat", Heartbeat.Request.class, Heartbeat.Confirmation.class);
    public static final Action<StatusNotification.Request, StatusNotification.Confirmation> STATUS_NOTIFICATION =
            new Action<>("StatusNotification", StatusNotification.Request.class, StatusNotification.Confirmation.class);
    public static final Action<Authorize.Request, Authorize.Confirmation> AUTHORIZE =
            new Action<>("Authorize", Authorize.Request.class, Authorize.Confirmation.class);
    public static final Action<StartTransaction.Request, StartTransaction.Confirmation> START_TRANSACTION =
            new Action<>("StartTransaction", StartTransaction.Request.class, StartTransaction.Confirmation.class);
    public static final Action<StopTransaction.Request, StopTransaction.Confirmation> STOP_TRANSACTION =
            new Action<>("StopTransaction", StopTransaction.Request.class, StopTransaction.Confirmation.class);
    public static final Action<MeterValues.Request, MeterValues.Confirmation> METER_VALUES =
            new Action<>("MeterValues", MeterValues.Request.class, MeterValues.Confirmation.class);
    public static final Action<DataTransfer.Request, DataTransfer.Confirmation> DATA_TRANSFER =
            new Action<>("DataTransfer", DataTransfer.Request.class, DataTransfer.Confirmation.class);

    // Central system → charge point.
    public static final Action<SetChargingProfile.Request, SetChargingProfile.Confirmation> SET_CHARGING_PROFILE =
            new Action<>("SetChargingProfile", SetChargingProfile.Request.class, SetChargingProfile.Confirmation.class);
    public static final Action<ClearChargingProfile.Request, ClearChargingProfile.Confirmation> CLEAR_CHARGING_PROFILE =
            new Action<>("ClearChargingProfile", ClearChargingProfile.Request.class, ClearChargingProfile.Confirmation.class);

    private static final Map<String, Action<?, ?>> FROM_CHARGE_POINT = Stream.of(BOOT_NOTIFICATION, HEARTBEAT,
                    STATUS_NOTIFICATION, AUTHORIZE, START_TRANSACTION, STOP_TRANSACTION, METER_VALUES, DATA_TRANSFER)
            .collect(Collectors.toUnmodifiableMap(Action::name, Function.identity()));

    private static final List<Action<?, ?>> ALL = Stream.concat(FROM_CHARGE_POINT.values().stream(),
            Stream.of(SET_CHARGING_PROFILE, CLEAR_CHARGING_PROFILE)).toList();

    /** Every action this engine speaks, both ways. */
    public static List<Action<?, ?>> all() {
        return ALL;
    }

    /** The actions a charge point may send us. */
    public static Optional<Action<?, ?>> fromChargePoint(String name) {
        return Optional.ofNullable(FROM_CHARGE_POINT.get(name));
    }
}
