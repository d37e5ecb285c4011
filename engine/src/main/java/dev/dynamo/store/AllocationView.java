package dev.dynamo.store;

import java.util.List;

/**
 * The per-charger part of one decision, read in place: valid only during the callback that receives
 * it, so that scanning millions of allocations creates no object per allocation.
 */
public interface AllocationView {
    int size();

    String chargePointId(int index);

    double allocatedKw(int index);

    /** A view over a recorded decision's list. */
    static AllocationView of(List<DecisionRecord.Entry> entries) {
        return new AllocationView() {
            @Override
            public int size() {
                return entries.size();
            }

            @Override
            public String chargePointId(int index) {
                return entries.get(index).chargePointId();
            }

            @Override
            public double allocatedKw(int index) {
                return entries.get(index).allocatedKw();
            }
        };
    }
}
