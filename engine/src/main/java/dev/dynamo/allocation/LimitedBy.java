package dev.dynamo.allocation;

import java.util.Objects;

/**
 * What stops a charger from getting more (contract section 11), as the core saw it when it froze the
 * charger: its cap, the budget, a full limit on one phase, or a floor that did not fit. When two stop it at
 * the same moment, the first in that order. {@link #RESERVATION} is for the caller (the core reserves but
 * does not allocate a reservation).
 *
 * @param limitId the full limit, for {@link Kind#LIMIT} only (else null)
 * @param phase   the phase on which it is full, for {@link Kind#LIMIT} only (else null)
 */
public record LimitedBy(Kind kind, String limitId, Phase phase) {
    public enum Kind { CAP, BUDGET, LIMIT, FLOOR, RESERVATION }

    public static final LimitedBy CAP = new LimitedBy(Kind.CAP, null, null);
    public static final LimitedBy BUDGET = new LimitedBy(Kind.BUDGET, null, null);
    public static final LimitedBy FLOOR = new LimitedBy(Kind.FLOOR, null, null);
    public static final LimitedBy RESERVATION = new LimitedBy(Kind.RESERVATION, null, null);

    public LimitedBy {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LIMIT) != (limitId != null && phase != null)) {
            throw new IllegalArgumentException("a limit and its phase go with kind LIMIT only");
        }
    }

    public static LimitedBy limit(String limitId, Phase phase) {
        return new LimitedBy(Kind.LIMIT, limitId, phase);
    }

    /** The contract's form: {@code cap}, {@code budget}, {@code limit:<id>:<phase>}, {@code floor}, {@code reservation}. */
    public String json() {
        return switch (kind) {
            case CAP -> "cap";
            case BUDGET -> "budget";
            case LIMIT -> "limit:" + limitId + ":" + phase.name();
            case FLOOR -> "floor";
            case RESERVATION -> "reservation";
        };
    }
}
