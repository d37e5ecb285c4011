package dev.dynamo.api;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * A JSON body serialised once and sent as it is to every reader: its bytes in a read-only direct buffer,
 * handed to Jetty whole with its length (no copy through Javalin's result stream and its per-request
 * buffer, no heap-to-direct copy at the socket), and its gzip form, made once on first demand, for
 * clients that accept it.
 */
public final class CachedBody {
    /** Below this a gzip form is not worth its header (Javalin's own threshold). */
    private static final int MIN_GZIP_BYTES = 1500;

    private final ByteBuffer plain;
    private volatile ByteBuffer gzipped;

    private CachedBody(byte[] bytes) {
        plain = direct(bytes);
    }

    public static CachedBody of(byte[] json) {
        return new CachedBody(json);
    }

    /** The plain JSON, as sent to a client that does not take gzip. */
    String json() {
        byte[] bytes = new byte[plain.capacity()];
        plain.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Sends the body with {@code status} as {@code application/json}, gzipped when the client accepts it. */
    public void send(Context ctx, int status) {
        var response = ctx.res();
        response.setStatus(status);
        ctx.contentType(Responses.JSON); // as every other response of the API
        var body = plain;
        if (plain.capacity() >= MIN_GZIP_BYTES) {
            response.addHeader("Vary", "Accept-Encoding");
            if (acceptsGzip(ctx.header("Accept-Encoding"))) {
                body = gzipped();
                response.setHeader("Content-Encoding", "gzip");
            }
        }
        response.setContentLength(body.capacity());
        try {
            var out = response.getOutputStream();
            if (out instanceof HttpOutput jetty) {
                jetty.sendContent(body.duplicate());
            } else {
                byte[] bytes = new byte[body.capacity()];
                body.duplicate().get(bytes);
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the response could not be written", e);
        }
    }

    private ByteBuffer gzipped() {
        var zipped = gzipped;
        if (zipped == null) {
            // two readers may both compress it; either result is the same bytes
            byte[] bytes = new byte[plain.capacity()];
            plain.duplicate().get(bytes);
            var out = new ByteArrayOutputStream(bytes.length / 4);
            try (var gzip = new GZIPOutputStream(out)) {
                gzip.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            zipped = direct(out.toByteArray());
            gzipped = zipped;
        }
        return zipped;
    }

    // "gzip" among the codings, not refused with q=0
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (var coding : acceptEncoding.split(",")) {
            var parts = coding.split(";");
            if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("gzip")) continue;
            for (int p = 1; p < parts.length; p++) {
                var param = parts[p].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (param.startsWith("q=") && param.substring(2).matches("0(\\.0*)?")) return false;
            }
            return true;
        }
        return false;
    }

    private static ByteBuffer direct(byte[] bytes) {
        var buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return buffer.asReadOnlyBuffer();
    }
}
