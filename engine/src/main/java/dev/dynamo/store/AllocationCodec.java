package dev.dynamo.store;

import dev.dynamo.store.DecisionRecord.Entry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-charger part of a decision as one compact blob, so that a decision is one row: a format
 * byte, the entry count, then per entry the id (length-prefixed UTF-8), the allocation in centi-kW
 * (allocations are multiples of 0.01 kW) and a status byte; an unknown status follows as text.
 */
final class AllocationCodec {
    private static final byte FORMAT = 1;
    private static final List<String> KNOWN_STATUSES = List.of("charging", "queued", "offline");
    private static final int OTHER_STATUS = 255;

    /** Decoded ids are shared between the rows of one query: 100 chargers, not 4 million strings. */
    private final Map<String, String> idCache = new HashMap<>();

    static byte[] encode(List<Entry> entries) {
        var bytes = new ByteArrayOutputStream(4 + entries.size() * 16);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(entries.size());
            for (var entry : entries) {
                writeText(out, entry.chargePointId());
                out.writeInt(Math.toIntExact(Math.round(entry.allocatedKw() * 100)));
                var status = KNOWN_STATUSES.indexOf(entry.status());
                out.writeByte(status >= 0 ? status : OTHER_STATUS);
                if (status < 0) writeText(out, entry.status());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    List<Entry> decode(byte[] blob) {
        var in = ByteBuffer.wrap(blob);
        var format = in.get();
        if (format != FORMAT) throw new IllegalStateException("unknown allocation format " + format);
        var count = in.getInt();
        var entries = new ArrayList<Entry>(count);
        for (var i = 0; i < count; i++) {
            var id = readText(in);
            var allocatedKw = in.getInt() / 100.0;
            var status = in.get() & 0xFF;
            entries.add(new Entry(id, allocatedKw, status == OTHER_STATUS ? readText(in) : KNOWN_STATUSES.get(status)));
        }
        return entries;
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        var utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private String readText(ByteBuffer in) {
        var length = in.getShort() & 0xFFFF;
        var text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return idCache.computeIfAbsent(text, t -> t);
    }
}
