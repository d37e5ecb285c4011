package dev.dynamo.ocpp;

import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.SetChargingProfile;
import dev.dynamo.contract.ChargerDefinition;
import java.util.concurrent.CompletableFuture;

/** A connected charger that takes charging profiles (a {@link ChargePointConnection}, or a fake in tests). */
interface ProfileTarget {
    String chargePointId();

    ChargerDefinition charger();

    boolean isOpen();

    CompletableFuture<SetChargingProfile.Status> setChargingProfile(ChargingProfile profile);
}
