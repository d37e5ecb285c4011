package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Phase;
import dev.dynamo.ocpp.OcppSitePort.ChargePointInfo;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.RateUnit;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UpgradeCheckTest {
    private static ChargePointInfo charger(String password) {
        return new ChargePointInfo("s", new ChargerDefinition("CP-1", 22, 3, 230, RateUnit.W, password, null, Phase.L1));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_charger_without_password_needs_no_credentials() {
        assertThat(UpgradeCheck.authorised(charger(null), null)).isTrue();
    }

    @Test
    void security_profile_1_needs_the_charge_point_id_as_user_and_the_right_password() {
        var info = charger("pa:ss-word");

        assertThat(UpgradeCheck.authorised(info, basic("CP-1", "pa:ss-word"))).isTrue();
        assertThat(UpgradeCheck.authorised(info, null)).isFalse();
        assertThat(UpgradeCheck.authorised(info, basic("CP-1", "wrong"))).isFalse();
        assertThat(UpgradeCheck.authorised(info, basic("CP-2", "pa:ss-word"))).isFalse();
        assertThat(UpgradeCheck.authorised(info, "Bearer pa:ss-word")).isFalse();
        assertThat(UpgradeCheck.authorised(info, "Basic %%%")).isFalse();
    }

    @Test
    void the_ocpp16_subprotocol_must_be_among_those_offered() {
        assertThat(UpgradeCheck.offersSubprotocol("ocpp2.0.1, ocpp1.6")).isTrue();
        assertThat(UpgradeCheck.offersSubprotocol("ocpp2.0.1")).isFalse();
        assertThat(UpgradeCheck.offersSubprotocol(null)).isFalse();
    }
}
