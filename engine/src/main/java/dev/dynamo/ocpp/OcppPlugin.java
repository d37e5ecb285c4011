package dev.dynamo.ocpp;

import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EnginePlugin;
import dev.dynamo.server.EngineStartException;
import dev.dynamo.site.SiteRegistry;
import io.javalin.config.JavalinConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The OCPP 1.6J connector as an engine plugin: {@code /ocpp/{charge_point_id}} on the engine's port. */
public final class OcppPlugin implements EnginePlugin {
    /** Chargers named in the refusal, at most. */
    static final int NAMED_AT_MOST = 20;

    private final boolean allowChargersWithoutPassword;
    private OcppConnector connector;

    public OcppPlugin() {
        this(false);
    }

    /**
     * @param allowChargersWithoutPassword serve on an address other than loopback although some chargers
     *                                     have no {@code ocpp_password} (contract 8.1: only when asked for)
     */
    public OcppPlugin(boolean allowChargersWithoutPassword) {
        this.allowChargersWithoutPassword = allowChargersWithoutPassword;
    }

    @Override
    public void install(JavalinConfig app, SiteRegistry sites, EngineOptions options) {
        if (!allowChargersWithoutPassword && !loopback(options.bindAddress())) {
            requirePasswords(sites, options.bindAddress());
        }
        connector = new OcppConnector(new SiteRegistryPort(sites), OcppSettings.defaults(options.clock(), options.commLossGrace()));
        connector.register(app);
    }

    /** Anyone who can reach the address could pose as a charger without a password: refuse to start. */
    static void requirePasswords(SiteRegistry sites, String bindAddress) {
        var open = sites.views().stream().flatMap(site -> site.definition().chargers().stream()
                .filter(c -> c.ocppPassword() == null).map(c -> site.siteId() + "/" + c.chargePointId())).toList();
        if (open.isEmpty()) return;
        var named = String.join(", ", open.subList(0, Math.min(open.size(), NAMED_AT_MOST)))
                + (open.size() > NAMED_AT_MOST ? " and " + (open.size() - NAMED_AT_MOST) + " more" : "");
        throw new EngineStartException("refusing to listen on " + bindAddress + ": " + open.size()
                + " charger(s) have no ocpp_password, so anyone who reaches the engine could pose as them: " + named
                + ". Give each an ocpp_password (16 to 40 characters), bind to 127.0.0.1, or start with "
                + "--allow-chargers-without-password if the network is closed to others.");
    }

    static boolean loopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (connector != null) {
            connector.close();
        }
    }
}
