package dev.dynamo.console.client;

import java.util.List;

/** {@code GET /api/v1/sites/{id}/limits} (contract 9.3). */
public record LimitList(List<ExternalLimit> limits) {
    public LimitList {
        limits = limits == null ? List.of() : List.copyOf(limits);
    }
}
