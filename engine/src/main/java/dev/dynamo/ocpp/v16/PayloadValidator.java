package dev.dynamo.ocpp.v16;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynamo.ocpp.rpc.ErrorCode;
import dev.dynamo.ocpp.rpc.RpcException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a JSON payload against a message record, the record being the 1.6 schema: its components
 * are the properties (no others allowed), required unless {@link OptionalField}, typed by their Java
 * type, strings bounded by {@link MaxLength}. Each failure maps to the CALLERROR code of OCPP-J 1.6
 * section 4.2.3: a missing required field → OccurrenceConstraintViolation; a value of the wrong JSON
 * type → TypeConstraintViolation; a value of the right type but not allowed (enum, length,
 * date-time) → PropertyConstraintViolation; a property the PDU does not have →
 * FormationViolation.
 */
public final class PayloadValidator {
    private static final Map<Class<?>, Set<String>> ENUM_VALUES = new ConcurrentHashMap<>();

    private PayloadValidator() {}

    public static void validate(JsonNode payload, Class<? extends Record> type) throws RpcException {
        if (payload == null || !payload.isObject()) {
            throw new RpcException(ErrorCode.FORMATION_VIOLATION, "the payload must be a JSON object");
        }
        validateObject(payload, type, "");
    }

    /**
     * A payload of the record with every property given a value of its type (a string "0", a number 0, the first
     * constant of an enum, one item in a list …): what the validator accepts and the record reads, to make each
     * message type's first use happen before a charger's message does. Reads the record's schema on the way.
     */
    static ObjectNode sample(Class<?> type) {
        var node = JsonNodeFactory.instance.objectNode();
        for (var property : SCHEMAS.get(type).properties()) {
            node.set(property.name(), sampleValue(property.type()));
        }
        return node;
    }

    private static JsonNode sampleValue(Type type) {
        var nodes = JsonNodeFactory.instance;
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return nodes.arrayNode().add(sampleValue(list.getActualTypeArguments()[0]));
        }
        var raw = (Class<?>) type;
        if (raw == String.class) return nodes.textNode("0");
        if (raw == int.class || raw == Integer.class || raw == double.class || raw == Double.class) return nodes.numberNode(0);
        if (raw == boolean.class || raw == Boolean.class) return nodes.booleanNode(false);
        if (raw == Instant.class) return nodes.textNode("2000-01-01T00:00:00.000Z");
        if (raw.isEnum()) return nodes.textNode(enumValues(raw).iterator().next());
        if (raw.isRecord()) return sample(raw);
        throw new IllegalStateException("no schema rule for " + raw);
    }

    /** One property of a message record: what the validator reads of its component. */
    private record Property(String name, Type type, boolean optional, MaxLength maxLength) {}

    /** A message record's properties, and their names. */
    private record Schema(List<Property> properties, Set<String> names) {}

    /**
     * Each record's schema, read by reflection once: {@link Class#getRecordComponents} makes new components, and
     * their annotations and generic types are parsed again, at every call (tens of microseconds a message).
     */
    private static final ClassValue<Schema> SCHEMAS = new ClassValue<>() {
        @Override
        protected Schema computeValue(Class<?> type) {
            var properties = new ArrayList<Property>();
            var names = new HashSet<String>();
            for (var component : type.getRecordComponents()) {
                properties.add(new Property(component.getName(), component.getGenericType(),
                        component.isAnnotationPresent(OptionalField.class), component.getAnnotation(MaxLength.class)));
                names.add(component.getName());
            }
            return new Schema(List.copyOf(properties), Set.copyOf(names));
        }
    };

    private static void validateObject(JsonNode node, Class<?> type, String path) throws RpcException {
        var schema = SCHEMAS.get(type);
        var fields = node.fieldNames();
        while (fields.hasNext()) {
            var name = fields.next();
            if (!schema.names().contains(name)) {
                throw new RpcException(ErrorCode.FORMATION_VIOLATION, "unknown property " + path + name);
            }
        }
        for (var property : schema.properties()) {
            var value = node.get(property.name());
            var where = path + property.name();
            if (value == null || value.isNull()) {
                if (!property.optional()) {
                    throw new RpcException(ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION, where + " is required");
                }
                continue;
            }
            validateValue(value, property.type(), property, where);
        }
    }

    private static void validateValue(JsonNode value, Type type, Property property, String where)
            throws RpcException {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (!value.isArray()) {
                throw typeError(where, "an array");
            }
            var itemType = list.getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                validateValue(value.get(i), itemType, property, where + "[" + i + "]");
            }
            return;
        }
        var raw = (Class<?>) type;
        if (raw == String.class) {
            if (!value.isTextual()) {
                throw typeError(where, "a string");
            }
            var max = property.maxLength();
            if (max != null && value.textValue().length() > max.value()) {
                throw new RpcException(ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
                        where + " is longer than " + max.value() + " characters");
            }
        } else if (raw == int.class || raw == Integer.class) {
            if (!isInteger(value)) {
                throw typeError(where, "an integer");
            }
        } else if (raw == double.class || raw == Double.class) {
            if (!value.isNumber()) {
                throw typeError(where, "a number");
            }
        } else if (raw == boolean.class || raw == Boolean.class) {
            if (!value.isBoolean()) {
                throw typeError(where, "a boolean");
            }
        } else if (raw == Instant.class) {
            if (!value.isTextual()) {
                throw typeError(where, "a date-time string");
            }
            if (parseDateTime(value.textValue()) == null) {
                throw new RpcException(ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
                        where + " is not a date-time with offset (RFC 3339)");
            }
        } else if (raw.isEnum()) {
            if (!value.isTextual()) {
                throw typeError(where, "a string");
            }
            if (!enumValues(raw).contains(value.textValue())) {
                throw new RpcException(ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
                        where + " must be one of " + enumValues(raw));
            }
        } else if (raw.isRecord()) {
            if (!value.isObject()) {
                throw typeError(where, "an object");
            }
            validateObject(value, raw, where + ".");
        } else {
            throw new IllegalStateException("no schema rule for " + raw);
        }
    }

    /** Integral and within 32 bits: the 1.6 schemas' integers are Java ints here. */
    private static boolean isInteger(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToInt();
        }
        return value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) <= Integer.MAX_VALUE;
    }

    static Instant parseDateTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The wire names of an enum: its {@link JsonProperty} names, else the constant names. */
    public static Set<String> enumValues(Class<?> enumType) {
        return ENUM_VALUES.computeIfAbsent(enumType, t -> {
            var values = new HashSet<String>();
            for (var constant : t.getEnumConstants()) {
                var name = ((Enum<?>) constant).name();
                try {
                    var annotation = t.getField(name).getAnnotation(JsonProperty.class);
                    values.add(annotation != null ? annotation.value() : name);
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Set.copyOf(values);
        });
    }

    private static RpcException typeError(String where, String expected) {
        return new RpcException(ErrorCode.TYPE_CONSTRAINT_VIOLATION, where + " must be " + expected);
    }

}
