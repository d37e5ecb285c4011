package dev.dynamo.store;

import dev.dynamo.store.DecisionRecord.Entry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * Decoded ids are shared between the rows of one query (100 chargers, not 4 million strings): a
     * row usually lists the same chargers at the same positions as the row before it.
     */
    private final Map<String, String> idCache = new HashMap<>();
    private byte[][] previousIdBytes = new byte[0][];
    private String[] previousIds = new String[0];
    private String[] viewIds = new String[0];
    private double[] viewKw = new double[0];
    private final ArrayView view = new ArrayView();

    private final class ArrayView implements AllocationView {
        int size;

        @Override
        public int size() {
            return size;
        }

        @Override
        public String chargePointId(int index) {
            return viewIds[index];
        }

        @Override
        public double allocatedKw(int index) {
            return viewKw[index];
        }
    }

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

    /** Decodes into arrays reused from row to row; the view is valid until the next call. */
    AllocationView decodeInPlace(byte[] blob) {
        var in = ByteBuffer.wrap(blob);
        var format = in.get();
        if (format != FORMAT) throw new IllegalStateException("unknown allocation format " + format);
        var count = in.getInt();
        ensureCapacity(count);
        for (var i = 0; i < count; i++) {
            viewIds[i] = readId(in, i);
            viewKw[i] = in.getInt() / 100.0;
            if ((in.get() & 0xFF) == OTHER_STATUS) skipText(in);
        }
        view.size = count;
        return view;
    }

    List<Entry> decode(byte[] blob) {
        var in = ByteBuffer.wrap(blob);
        var format = in.get();
        if (format != FORMAT) throw new IllegalStateException("unknown allocation format " + format);
        var count = in.getInt();
        var entries = new ArrayList<Entry>(count);
        ensureCapacity(count);
        for (var i = 0; i < count; i++) {
            var id = readId(in, i);
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

    private void ensureCapacity(int count) {
        if (previousIds.length >= count) return;
        previousIds = Arrays.copyOf(previousIds, count);
        previousIdBytes = Arrays.copyOf(previousIdBytes, count);
        viewIds = Arrays.copyOf(viewIds, count);
        viewKw = Arrays.copyOf(viewKw, count);
    }

    private static void skipText(ByteBuffer in) {
        var length = in.getShort() & 0xFFFF;
        in.position(in.position() + length);
    }

    private String readId(ByteBuffer in, int position) {
        var length = in.getShort() & 0xFFFF;
        var start = in.position();
        in.position(start + length);
        var known = previousIdBytes[position];
        if (known != null && sameBytes(in.array(), start, length, known)) return previousIds[position];
        var id = idCache.computeIfAbsent(new String(in.array(), start, length, StandardCharsets.UTF_8), t -> t);
        previousIdBytes[position] = Arrays.copyOfRange(in.array(), start, start + length);
        previousIds[position] = id;
        return id;
    }

    /** A plain loop: ids are a few bytes, shorter than what Arrays.equals is tuned for. */
    private static boolean sameBytes(byte[] blob, int start, int length, byte[] known) {
        if (known.length != length) return false;
        for (var i = 0; i < length; i++) if (blob[start + i] != known[i]) return false;
        return true;
    }

    private String readText(ByteBuffer in) {
        var length = in.getShort() & 0xFFFF;
        var text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return idCache.computeIfAbsent(text, t -> t);
    }
}
