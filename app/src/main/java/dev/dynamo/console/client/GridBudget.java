package dev.dynamo.console.client;

/**
 * The budget's parts (contract 9.4): the config's (or window's), the grid meter's headroom (null without a
 * grid meter), the least external limit (null without one), and what binds: {@code config},
 * {@code grid_meter}, {@code meter_fallback} or {@code external:<source>}.
 */
public record GridBudget(double configKw, Double gridHeadroomKw, Double externalKw, String binding) {}
