package dev.dynamo.console.client;

import java.util.List;

record DecisionList(List<Decision> decisions) {
    DecisionList {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }
}
