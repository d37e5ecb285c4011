package dev.dynamo.ocpp;

import dev.dynamo.ocpp.OcppSitePort.ChargePointInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** Whether a WebSocket upgrade to {@code /ocpp/{id}} may go on (contract section 8). */
final class UpgradeCheck {
    static final String SUBPROTOCOL = "ocpp1.6";

    private UpgradeCheck() {}

    /** Security profile 1: HTTP Basic with the charge point id as user, when the charger has a password. */
    static boolean authorised(ChargePointInfo info, String authorizationHeader) {
        var password = info.charger().ocppPassword();
        if (password == null) {
            return true;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        var colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        var userOk = decoded.substring(0, colon).equals(info.charger().chargePointId());
        var passwordOk = MessageDigest.isEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return userOk & passwordOk;
    }

    /** Whether the client offers {@code ocpp1.6} in Sec-WebSocket-Protocol. */
    static boolean offersSubprotocol(String header) {
        return header != null && Arrays.stream(header.split(",")).map(String::trim).anyMatch(SUBPROTOCOL::equals);
    }
}
