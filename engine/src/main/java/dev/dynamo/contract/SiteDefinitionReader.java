package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.number;
import static dev.dynamo.contract.JsonReading.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads a site definition: the body of {@code PUT /api/v1/sites/{id}} and each entry of the sites file
 * (contract 3, 4, 7.1), or throws an {@link ApiProblem} (400 or 422) naming every field to blame.
 */
public final class SiteDefinitionReader {
    static final List<String> FIELDS = List.of("site_id", "name", "timezone", "grid_connection_capacity_kw",
            "grid_connection_current_a", "circuits", "chargers", "meters");
    /** Sites given without a time zone (the contract's 7.1 example has none) run on UTC. */
    static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
    static final int MAX_NAME_LENGTH = 200;
    private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();

    private SiteDefinitionReader() {}

    /** {@code site_id} may be omitted (the path's is taken); a different one is a 422. */
    public static SiteDefinition read(byte[] body, String pathSiteId) {
        var problems = new Problems();
        var site = read(JsonReading.readObject(body), "", pathSiteId, problems);
        problems.throwIfAny();
        return site;
    }

    /** A site given as a JSON object inside another document (a scenario); its errors name fields from the site. */
    public static SiteDefinition read(JsonNode node) {
        var problems = new Problems();
        var site = read(node, "", null, problems);
        problems.throwIfAny();
        return site;
    }

    /**
     * Checks that no charger of {@code site} is a charger of another site: a charge point's OCPP identity
     * names one site only. Throws a 422 naming {@code chargers[i].charge_point_id}.
     */
    public static void checkChargePointIdsFree(SiteDefinition site, Collection<SiteDefinition> otherSites) {
        var problems = new Problems();
        var owners = new HashMap<String, String>();
        otherSites.stream().filter(other -> !other.siteId().equals(site.siteId()))
                .forEach(other -> other.chargers().forEach(c -> owners.put(c.chargePointId(), other.siteId())));
        for (int i = 0; i < site.chargers().size(); i++) {
            var id = site.chargers().get(i).chargePointId();
            var owner = owners.get(id);
            if (owner != null) {
                problems.broken("chargers[" + i + "].charge_point_id", "already a charger of site " + owner,
                        "charger " + id + " of site " + site.siteId() + " is already a charger of site " + owner
                                + "; a charge point belongs to one site");
            }
        }
        problems.throwIfAny();
    }

    /** The site at {@code path} (null when it has errors); {@code pathSiteId} null makes {@code site_id} required. */
    static SiteDefinition read(JsonNode node, String path, String pathSiteId, Problems problems) {
        int problemsBefore = problems.count();
        var fields = problems.object(node, path, FIELDS, List.of());
        if (fields == null) {
            return null;
        }
        var siteId = siteId(fields, pathSiteId, problems);
        var shownId = siteId == null ? (path.isEmpty() ? "(no id)" : "at " + path) : siteId;
        var name = name(fields, problems);
        var timezone = timezone(fields, problems);
        var capacityKw = fields.number("grid_connection_capacity_kw", true);
        if (capacityKw != null && capacityKw <= 0) {
            var field = fields.at("grid_connection_capacity_kw");
            problems.broken(field, "must be greater than 0",
                    field + " of site " + shownId + " must be greater than 0, not " + number(capacityKw));
        }
        var gridCurrentA = fields.number("grid_connection_current_a", false);
        if (gridCurrentA != null && gridCurrentA <= 0) {
            var field = fields.at("grid_connection_current_a");
            problems.broken(field, "must be greater than 0",
                    field + " of site " + shownId + " must be greater than 0, not " + number(gridCurrentA));
        }
        var circuits = CircuitsReader.read(fields, shownId, problems);
        var chargers = chargers(fields, shownId, circuits.declaredIds(), problems);
        var meters = MetersReader.read(fields, shownId, circuits.declaredIds(), problems);

        if (problems.count() > problemsBefore || siteId == null || capacityKw == null || timezone == null || chargers == null) {
            return null;
        }
        return new SiteDefinition(siteId, name == null || name.isBlank() ? siteId : name, timezone, capacityKw, gridCurrentA,
                circuits.valid(), chargers, meters);
    }

    private static String name(JsonFields fields, Problems problems) {
        var name = fields.string("name", false);
        var field = fields.at("name");
        if (name == null) {
            return null;
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            problems.malformed(field, "must not contain control characters",
                    field + " " + JsonReading.quote(name) + " contains control characters (such as a line break)");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.broken(field, "must be at most " + MAX_NAME_LENGTH + " characters",
                    field + " " + JsonReading.quote(name) + " is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static String siteId(JsonFields fields, String pathSiteId, Problems problems) {
        var field = fields.at("site_id");
        var bodyId = fields.string("site_id", pathSiteId == null);
        if (bodyId != null && !Ids.check(bodyId, field, problems)) {
            return null;
        }
        if (pathSiteId == null) {
            return bodyId;
        }
        if (bodyId != null && !bodyId.equals(pathSiteId)) {
            problems.broken(field, "must be " + pathSiteId + " (the site in the path) or omitted",
                    "site_id " + quote(bodyId) + " in the body does not match site " + pathSiteId + " of the path");
            return null;
        }
        return Ids.check(pathSiteId, field, problems) ? pathSiteId : null;
    }

    private static ZoneId timezone(JsonFields fields, Problems problems) {
        var text = fields.string("timezone", false);
        if (text == null) {
            return fields.has("timezone") ? null : DEFAULT_TIMEZONE;
        }
        if (!ZONE_IDS.contains(text)) {
            var field = fields.at("timezone");
            problems.broken(field, "unknown time zone", field + " " + quote(text)
                    + " is not a known IANA time zone; use a name such as Europe/Amsterdam or UTC");
            return null;
        }
        return ZoneId.of(text);
    }

    private static List<ChargerDefinition> chargers(JsonFields site, String siteId, Set<String> circuitIds, Problems problems) {
        var elements = site.array("chargers", true);
        if (elements == null) {
            return null;
        }
        var field = site.at("chargers");
        var chargers = new ArrayList<ChargerDefinition>();
        var indexById = new HashMap<String, Integer>();
        for (int i = 0; i < elements.size(); i++) {
            var at = Problems.at(field, i);
            var fields = problems.object(elements.get(i), at, ChargerReader.FIELDS, ChargerReader.RESPONSE_FIELDS);
            var charger = fields == null ? null : ChargerReader.read(fields, siteId, circuitIds, problems);
            if (charger == null) {
                continue;
            }
            var first = indexById.putIfAbsent(charger.chargePointId(), i);
            if (first != null) {
                problems.broken(Problems.at(at, "charge_point_id"), "duplicate charger " + charger.chargePointId(),
                        "site " + siteId + " defines charger " + charger.chargePointId() + " twice ("
                                + Problems.at(field, first) + " and " + at + ")");
            }
            chargers.add(charger);
        }
        return chargers;
    }
}
