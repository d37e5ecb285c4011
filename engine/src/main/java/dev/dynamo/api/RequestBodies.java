package dev.dynamo.api;

import dev.dynamo.contract.ApiProblem;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Reads a request body within the contract's limits: 413 past 1 MiB, 415 when it is not JSON. */
final class RequestBodies {
    static final int MAX_BYTES = 1 << 20;
    /**
     * A body declared too large is still read (and dropped) up to this much, so that its sender, still
     * writing, reads the 413 instead of a connection reset; past it the connection is simply closed.
     */
    private static final long DRAIN_BYTES = 8L << 20;

    private RequestBodies() {}

    /** The body, or an empty array when there is none. */
    static byte[] read(Context ctx) {
        var declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            if (declared <= DRAIN_BYTES) drain(ctx);
            throw tooLarge();
        }
        byte[] body;
        try (var in = ctx.req().getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BYTES) throw tooLarge();
        if (body.length > 0 && !isJson(ctx.contentType())) {
            throw new ApiProblem(415, "the request body must be application/json, not "
                    + (ctx.contentType() == null ? "untyped" : ctx.contentType()), List.of());
        }
        return body;
    }

    private static void drain(Context ctx) {
        try (var in = ctx.req().getInputStream()) {
            in.skipNBytes(Math.min(ctx.req().getContentLengthLong(), DRAIN_BYTES));
        } catch (IOException e) {
            // the sender went away or sent less than it declared: the 413 stands either way
        }
    }

    static boolean isBlank(byte[] body) {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) return false;
        var mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(413, "the request body is larger than 1 MiB (" + MAX_BYTES + " bytes)", List.of());
    }
}
