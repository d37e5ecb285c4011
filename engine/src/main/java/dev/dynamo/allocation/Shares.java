package dev.dynamo.allocation;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The shares of one result as an unmodifiable list over the core's arrays: a {@link ChargerShare} is made
 * when it is read. Why: building 10,000 records (and copying the list twice) was a third of a flat
 * priority rebalance, and a caller reads each share once.
 */
final class Shares extends AbstractList<ChargerShare> implements RandomAccess {
    private final List<Demand> demands;
    private final double[] allocatedKw;
    private final LimitedBy[] limitedBy;

    Shares(List<Demand> demands, double[] allocatedKw, LimitedBy[] limitedBy) {
        this.demands = demands;
        this.allocatedKw = allocatedKw;
        this.limitedBy = limitedBy;
    }

    @Override
    public ChargerShare get(int index) {
        return new ChargerShare(demands.get(index).chargePointId(), allocatedKw[index], limitedBy[index]);
    }

    @Override
    public int size() {
        return allocatedKw.length;
    }
}
