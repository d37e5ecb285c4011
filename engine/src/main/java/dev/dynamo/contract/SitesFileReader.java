package dev.dynamo.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Reads the sites file given at start-up (contract 4): {@code {"sites": [site, ...]}}. Its errors name
 * {@code sites[i]....}; {@link ApiProblem#getMessage()} lists them one a line for the command line.
 */
public final class SitesFileReader {
    static final List<String> FIELDS = List.of("sites");

    private SitesFileReader() {}

    public static List<SiteDefinition> read(Path file) {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ApiProblem.badRequest("sites file " + file + " does not exist", List.of());
        } catch (IOException e) {
            throw ApiProblem.badRequest("sites file " + file + " cannot be read: " + e.getMessage(), List.of());
        }
        try {
            return read(body);
        } catch (ApiProblem problem) {
            throw problem.withDetailPrefix("sites file " + file + ": ");
        }
    }

    public static List<SiteDefinition> read(byte[] body) {
        var problems = new Problems();
        var fields = new JsonFields(JsonReading.readObject(body), "", problems, FIELDS, List.of());
        var elements = fields.array("sites", true);
        if (elements == null) {
            throw problems.toProblem();
        }
        var sites = new ArrayList<SiteDefinition>();
        var siteIndex = new HashMap<String, Integer>();
        var chargerOwner = new HashMap<String, String>();
        for (int i = 0; i < elements.size(); i++) {
            var path = Problems.at("sites", i);
            var site = SiteDefinitionReader.read(elements.get(i), path, null, problems);
            if (site == null) {
                continue;
            }
            var first = siteIndex.putIfAbsent(site.siteId(), i);
            if (first != null) {
                problems.broken(Problems.at(path, "site_id"), "duplicate site " + site.siteId(),
                        "site " + site.siteId() + " is defined twice (sites[" + first + "] and " + path + ")");
                continue;
            }
            checkChargersUnique(site, path, chargerOwner, problems);
            sites.add(site);
        }
        problems.throwIfAny();
        return List.copyOf(sites);
    }

    /** A charge point's OCPP identity names one site only. */
    private static void checkChargersUnique(SiteDefinition site, String path, HashMap<String, String> chargerOwner,
                                            Problems problems) {
        for (int j = 0; j < site.chargers().size(); j++) {
            var id = site.chargers().get(j).chargePointId();
            var owner = chargerOwner.putIfAbsent(id, site.siteId());
            if (owner != null) {
                problems.broken(Problems.at(Problems.at(path, "chargers"), j) + ".charge_point_id",
                        "already a charger of site " + owner,
                        "charger " + id + " of site " + site.siteId() + " is already a charger of site " + owner
                                + "; a charge point belongs to one site");
            }
        }
    }

}
