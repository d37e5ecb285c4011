package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;

/** The answer to storing a config: what is now stored, whether the site had none, the allocation it led to. */
public record ConfigStored(ChargingConfig config, boolean created, AllocationSnapshot allocation) {}
