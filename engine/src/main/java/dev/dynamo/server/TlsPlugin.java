package dev.dynamo.server;

import dev.dynamo.site.SiteRegistry;
import io.javalin.config.JavalinConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Serves the engine's port over TLS (https://, wss:// for OCPP) from a keystore (PKCS12 or JKS) instead
 * of plain HTTP: Javalin adds its plain connector only when none was added.
 */
public final class TlsPlugin implements EnginePlugin {
    private final Path keystore;
    private final String password;

    public TlsPlugin(Path keystore, String password) {
        this.keystore = keystore;
        this.password = password;
    }

    @Override
    public void install(JavalinConfig app, SiteRegistry sites, EngineOptions options) {
        if (!Files.isReadable(keystore)) {
            throw new EngineStartException("cannot read the TLS keystore " + keystore);
        }
        app.jetty.addConnector((server, httpConfig) -> {
            var ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
            ssl.setKeyStorePassword(password);
            var https = new HttpConfiguration(httpConfig);
            // Chargers often reach the engine by IP address, which a certificate's name need not match.
            var secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            var connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            connector.setHost(options.bindAddress());
            connector.setPort(options.port());
            return connector;
        });
    }
}
