package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;

/** Where a charge point is: its site's handle and its definition. */
public record ChargerLocation(SiteHandle site, ChargerDefinition charger) {}
