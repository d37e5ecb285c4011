package dev.dynamo.ocpp.rpc;

import java.util.Arrays;
import java.util.Optional;

/**
 * CALLERROR codes of OCPP-J 1.6, with the spellings of the 1.6 errata (section 5):
 * {@code FormationViolation} and {@code OccurrenceConstraintViolation}.
 */
public enum ErrorCode {
    NOT_IMPLEMENTED("NotImplemented"),
    NOT_SUPPORTED("NotSupported"),
    INTERNAL_ERROR("InternalError"),
    PROTOCOL_ERROR("ProtocolError"),
    SECURITY_ERROR("SecurityError"),
    FORMATION_VIOLATION("FormationViolation"),
    PROPERTY_CONSTRAINT_VIOLATION("PropertyConstraintViolation"),
    OCCURRENCE_CONSTRAINT_VIOLATION("OccurrenceConstraintViolation"),
    TYPE_CONSTRAINT_VIOLATION("TypeConstraintViolation"),
    GENERIC_ERROR("GenericError");

    private final String wireName;

    ErrorCode(String wireName) { this.wireName = wireName; }

    public String wireName() { return wireName; }

    /** Reads a received code; the original 1.6 misspellings are accepted too. */
    public static Optional<ErrorCode> fromWire(String text) {
        var normalised = switch (text) {
            case "OccurenceConstraintViolation" -> "OccurrenceConstraintViolation";
            case "FormatViolation" -> "FormationViolation";
            default -> text;
        };
        return Arrays.stream(values()).filter(c -> c.wireName.equals(normalised)).findFirst();
    }
}
