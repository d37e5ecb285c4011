package dev.dynamo.allocation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Slow, simple reference answers for the properties, written independently of the core: loads summed from
 * scratch, floors admitted by summing, water-filling by bisection, progressive filling one step at a time.
 */
final class References {
    static final double SLACK = 1e-9;

    private References() {}

    static double ampsPerKw(int phases, double voltageV) { return 1000 / (phases * voltageV); }

    static boolean draws(int phases, Phase wired, int phase) { return phases == 3 || wired.ordinal() == phase; }

    /** Whether limit {@code limitId} is {@code ancestorId} or below it. */
    static boolean under(List<Limit> limits, String limitId, String ancestorId) {
        for (String id = limitId; id != null; id = parentOf(limits, id)) {
            if (id.equals(ancestorId)) return true;
        }
        return false;
    }

    private static String parentOf(List<Limit> limits, String id) {
        return parents(limits).get(id);
    }

    // the properties run one try at a time: remembering the last site's parents keeps the references quick
    private static List<Limit> parentsOf;
    private static Map<String, String> parents;

    private static synchronized Map<String, String> parents(List<Limit> limits) {
        if (limits != parentsOf) {
            var byId = new HashMap<String, String>();
            for (var limit : limits) byId.put(limit.id(), limit.parentId());
            parents = byId;
            parentsOf = limits;
        }
        return parents;
    }

    static double reservedKw(AllocationInput input) {
        return input.reservations().stream().mapToDouble(Reservation::kw).sum();
    }

    /** The current on {@code phase} of {@code limit} from the reservations alone. */
    static double reservedA(AllocationInput input, Limit limit, int phase) {
        double amps = 0;
        for (var r : input.reservations()) {
            if (under(input.limits(), r.limitId(), limit.id()) && draws(r.phasesInUse(), r.phase(), phase)) {
                amps += r.kw() * ampsPerKw(r.phasesInUse(), r.voltageV());
            }
        }
        return amps;
    }

    /** The current on {@code phase} of {@code limit} with the demands at {@code kw} plus the reservations. */
    static double loadA(AllocationInput input, double[] kw, Limit limit, int phase) {
        double amps = reservedA(input, limit, phase);
        var demands = input.demands();
        for (int i = 0; i < demands.size(); i++) {
            var d = demands.get(i);
            if (under(input.limits(), d.limitId(), limit.id()) && draws(d.phasesInUse(), d.phase(), phase)) {
                amps += kw[i] * ampsPerKw(d.phasesInUse(), d.voltageV());
            }
        }
        return amps;
    }

    /** Rule 5: which demands are admitted, trying floors in order against budget and limits. */
    static boolean[] admitted(AllocationInput input) {
        var demands = input.demands();
        boolean[] admitted = new boolean[demands.size()];
        double[] kw = new double[demands.size()];
        double usedKw = reservedKw(input);
        for (int i = 0; i < demands.size(); i++) {
            var d = demands.get(i);
            if (d.floorKw() == 0) {
                admitted[i] = true;
                continue;
            }
            if (usedKw + d.floorKw() > input.budgetKw() + SLACK) continue;
            kw[i] = d.floorKw();
            if (fitsLimits(input, kw, i)) {
                admitted[i] = true;
                usedKw += d.floorKw();
            } else {
                kw[i] = 0;
            }
        }
        return admitted;
    }

    /** Whether every limit-phase demand {@code i} draws on stays within its limit with the demands at {@code kw}. */
    private static boolean fitsLimits(AllocationInput input, double[] kw, int i) {
        var d = input.demands().get(i);
        for (var limit : input.limits()) {
            if (!under(input.limits(), d.limitId(), limit.id())) continue;
            for (int p = 0; p < 3; p++) {
                if (draws(d.phasesInUse(), d.phase(), p) && loadA(input, kw, limit, p) > limit.maxCurrentA() + SLACK) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Flat water-filling: level L by bisection so that the sum of clamp(L, floor, cap) is the budget left. */
    static double[] waterFilling(AllocationInput input) {
        var demands = input.demands();
        boolean[] admitted = admitted(input);
        double availableKw = Math.max(0, input.budgetKw() - reservedKw(input));
        double low = 0;
        double high = demands.stream().mapToDouble(Demand::capKw).max().orElse(0);
        for (int step = 0; step < 200; step++) {
            double mid = (low + high) / 2;
            if (filled(demands, admitted, mid) <= availableKw) low = mid; else high = mid;
        }
        double level = filled(demands, admitted, high) <= availableKw ? high : low;
        double[] kw = new double[demands.size()];
        for (int i = 0; i < kw.length; i++) {
            var d = demands.get(i);
            kw[i] = admitted[i] ? Math.min(d.capKw(), Math.max(d.floorKw(), level)) : 0;
        }
        return kw;
    }

    private static double filled(List<Demand> demands, boolean[] admitted, double level) {
        double sum = 0;
        for (int i = 0; i < admitted.length; i++) {
            var d = demands.get(i);
            if (admitted[i]) sum += Math.min(d.capKw(), Math.max(d.floorKw(), level));
        }
        return sum;
    }

    /**
     * Progressive filling under limits, recomputing every load at each step: the lowest unfrozen demands rise
     * together until one reaches its cap, the next-lowest joins them, a limit-phase fills or the budget is spent.
     */
    static double[] progressiveFilling(AllocationInput input) {
        var demands = input.demands();
        var limits = input.limits();
        int n = demands.size();
        int limitPhases = 3 * limits.size();
        // ampsOn[k][i]: amperes per kW that demand i puts on limit-phase k (0 when it does not draw on it)
        double[][] ampsOn = new double[limitPhases][n];
        double[] reserved = new double[limitPhases];
        double[] maxA = new double[limitPhases];
        for (int l = 0; l < limits.size(); l++) {
            for (int p = 0; p < 3; p++) {
                int k = 3 * l + p;
                maxA[k] = limits.get(l).maxCurrentA();
                reserved[k] = reservedA(input, limits.get(l), p);
                for (int i = 0; i < n; i++) {
                    var d = demands.get(i);
                    if (under(limits, d.limitId(), limits.get(l).id()) && draws(d.phasesInUse(), d.phase(), p)) {
                        ampsOn[k][i] = ampsPerKw(d.phasesInUse(), d.voltageV());
                    }
                }
            }
        }
        boolean[] admitted = admitted(input);
        double[] kw = new double[n];
        boolean[] frozen = new boolean[n];
        for (int i = 0; i < n; i++) {
            kw[i] = admitted[i] ? demands.get(i).floorKw() : 0;
            frozen[i] = !admitted[i] || kw[i] >= demands.get(i).capKw();
        }
        double availableKw = input.budgetKw() - reservedKw(input);
        for (int round = 0; round < 10 * n + 10 * limits.size() + 10; round++) {
            double leftKw = availableKw - sum(kw);
            double[] headroomA = new double[limitPhases];
            for (int k = 0; k < limitPhases; k++) {
                headroomA[k] = maxA[k] - reserved[k];
                for (int i = 0; i < n; i++) headroomA[k] -= kw[i] * ampsOn[k][i];
                if (headroomA[k] > SLACK) continue;
                for (int i = 0; i < n; i++) if (ampsOn[k][i] > 0) frozen[i] = true;
            }
            if (leftKw <= SLACK) java.util.Arrays.fill(frozen, true);
            double level = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) if (!frozen[i]) level = Math.min(level, kw[i]);
            if (level == Double.POSITIVE_INFINITY) return kw;
            boolean[] group = new boolean[n];
            int size = 0;
            double stepKw = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (frozen[i]) continue;
                if (kw[i] <= level) {
                    group[i] = true;
                    size++;
                    stepKw = Math.min(stepKw, demands.get(i).capKw() - level);
                } else {
                    stepKw = Math.min(stepKw, kw[i] - level);
                }
            }
            stepKw = Math.min(stepKw, leftKw / size);
            for (int k = 0; k < limitPhases; k++) {
                double rate = 0;
                for (int i = 0; i < n; i++) if (group[i]) rate += ampsOn[k][i];
                if (rate > 0) stepKw = Math.min(stepKw, headroomA[k] / rate);
            }
            for (int i = 0; i < n; i++) {
                if (!group[i]) continue;
                kw[i] = level + Math.max(0, stepKw);
                if (kw[i] >= demands.get(i).capKw() - 1e-12) {
                    kw[i] = demands.get(i).capKw();
                    frozen[i] = true;
                }
            }
        }
        throw new AssertionError("progressive filling did not settle");
    }

    static double sum(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum;
    }
}
