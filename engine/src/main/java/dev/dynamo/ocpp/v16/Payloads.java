package dev.dynamo.ocpp.v16;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dynamo.ocpp.rpc.ErrorCode;
import dev.dynamo.ocpp.rpc.RpcException;
import java.util.List;

/** Payload JSON ⇄ message records, reading only what {@link PayloadValidator} accepts. */
public final class Payloads {
    private final ObjectMapper mapper;

    public Payloads(ObjectMapper mapper) { this.mapper = mapper; }

    /** Made and {@linkplain #prepared() prepared} on first use, once per JVM. */
    private static final class Shared {
        static final Payloads PAYLOADS = new Payloads(newMapper()).prepared();
    }

    /**
     * The OCPP payloads every connector of this JVM shares (a mapper is thread-safe once made), prepared once:
     * preparing costs tens of milliseconds even in a JVM that did it before, as each new mapper introspects anew.
     */
    public static Payloads shared() {
        return Shared.PAYLOADS;
    }

    /**
     * Reads and writes a sample of every action's messages once, now: Jackson's (de)serializers, the validator's
     * schemas and java.time's parsers are otherwise made on a message type's first use, by reflection, several
     * milliseconds each on a cold JVM, and the first starts after a restart, arriving together, would wait for them.
     */
    public Payloads prepared() {
        for (var action : Action.all()) {
            for (var type : List.of(action.requestType(), action.confirmationType())) {
                try {
                    var message = read(PayloadValidator.sample(type), type);
                    write(message);
                    writeString(message);
                } catch (RpcException e) {
                    throw new IllegalStateException("the sample of " + type.getName() + " does not read: " + e.getMessage(), e);
                }
            }
        }
        return this;
    }

    /** The JSON settings of OCPP-J payloads: absent rather than null, date-times as ISO strings. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    public ObjectMapper mapper() { return mapper; }

    public <T extends Record> T read(JsonNode payload, Class<T> type) throws RpcException {
        PayloadValidator.validate(payload, type);
        try {
            return mapper.treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The validator accepted it, so this is a gap between the two, not the peer's fault alone.
            throw new RpcException(ErrorCode.FORMATION_VIOLATION, "payload does not fit " + type.getSimpleName());
        }
    }

    public ObjectNode write(Record message) {
        return mapper.valueToTree(message);
    }

    /** The message as JSON text, without a tree in between. */
    public String writeString(Record message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message record always serialises", e);
        }
    }
}
