package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.quote;

import java.util.regex.Pattern;

/**
 * Identifiers of sites, circuits and charge points. They travel in URL paths ({@code /sites/{id}},
 * {@code /ocpp/{charge_point_id}}), so only characters that need no escaping there are allowed.
 */
final class Ids {
    static final int MAX_LENGTH = 64;
    static final String ALLOWED = "letters, digits and . _ - ~ : * @ + =";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~:*@+=-]+");

    private Ids() {}

    /** Records what is wrong with an id; true when it is usable. */
    static boolean check(String id, String field, Problems problems) {
        if (id.isEmpty()) {
            problems.broken(field, "must not be empty", field + " must not be empty");
            return false;
        }
        if (!SAFE.matcher(id).matches()) {
            problems.malformed(field, "may contain only " + ALLOWED,
                    field + " " + quote(id) + " has characters that are not allowed; use only " + ALLOWED);
            return false;
        }
        if (id.length() > MAX_LENGTH) {
            problems.broken(field, "must be at most " + MAX_LENGTH + " characters",
                    field + " " + quote(id) + " is longer than " + MAX_LENGTH + " characters");
            return false;
        }
        return true;
    }
}
