package dev.dynamo.server;

import dev.dynamo.contract.ApiProblem;
import dev.dynamo.contract.ConfigReader;
import dev.dynamo.contract.SiteDefinitionReader;
import dev.dynamo.contract.SitesFileReader;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.SiteView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up: the sites file (or the built-in demo) replaces stored sites of the same id, after every stored
 * config has been checked against the definitions it will run with.
 */
final class SiteSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SiteSetup.class);
    static final String DEMO_SITES = "/dynamo/sites/demo-site.json";
    static final String DEMO_CONFIG = "/dynamo/sites/demo-config.json";

    private SiteSetup() {}

    static void apply(SiteRegistry sites, List<SiteDefinition> fileSites, EngineOptions options) {
        var planned = new LinkedHashMap<String, SiteDefinition>();
        sites.views().forEach(view -> planned.put(view.siteId(), view.definition()));
        fileSites.forEach(site -> planned.put(site.siteId(), site));
        check(sites, planned);
        for (var site : fileSites) sites.putSite(site, _ -> {});
        if (options.sitesFile() == null) demoConfig(sites, fileSites, options);
        LOG.info("{} sites from {}", fileSites.size(), options.sitesFile() == null ? "the built-in demo" : options.sitesFile());
    }

    /** The sites of the sites file, or of the built-in demo. */
    static List<SiteDefinition> read(EngineOptions options) {
        try {
            if (options.sitesFile() != null) return SitesFileReader.read(options.sitesFile());
            return SitesFileReader.read(resource(DEMO_SITES));
        } catch (ApiProblem problem) {
            throw new EngineStartException(problem.getMessage());
        }
    }

    /** Every stored config must hold under its site's new definition; otherwise nothing starts. */
    private static void check(SiteRegistry sites, LinkedHashMap<String, SiteDefinition> planned) {
        for (var site : planned.values()) {
            try {
                SiteDefinitionReader.checkChargePointIdsFree(site, planned.values());
            } catch (ApiProblem problem) {
                throw new EngineStartException("site " + site.siteId() + ": " + problem.getMessage());
            }
            var config = sites.site(site.siteId()).map(h -> h.view()).map(SiteView::config).orElse(null);
            if (config == null) continue;
            try {
                ConfigReader.validateAgainst(config, site);
            } catch (ApiProblem problem) {
                throw new EngineStartException("the stored config of site " + site.siteId()
                        + " breaks the site's definition: " + problem.getMessage()
                        + System.lineSeparator() + "Fix the sites file, or start without it and PUT a new config.");
            }
        }
    }

    /** The demo site comes with a config so that the engine does something at once. */
    private static void demoConfig(SiteRegistry sites, List<SiteDefinition> demoSites, EngineOptions options) {
        var body = resource(DEMO_CONFIG);
        for (var demo : demoSites) {
            var handle = sites.site(demo.siteId()).orElseThrow();
            if (handle.view().config() != null) continue;
            handle.storeConfig(definition -> ConfigReader.read(body, definition, options.clock().instant()));
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SiteSetup.class.getResourceAsStream(name)) {
            if (in == null) throw new EngineStartException("the engine jar lacks " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
