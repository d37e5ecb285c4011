package dev.dynamo.api;

import dev.dynamo.contract.ApiProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;

/** Writes RFC 9457 problem JSON (contract section 5). */
final class ProblemResponses {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProblemResponses() {}

    static void write(Context ctx, ApiProblem problem) {
        if (problem.status() == 401) ctx.header("WWW-Authenticate", "Bearer");
        ctx.status(problem.status()).contentType(PROBLEM_JSON).result(json(problem));
    }

    static void write(Context ctx, int status, String detail) {
        write(ctx, new ApiProblem(status, detail, List.of()));
    }

    static boolean isWritten(Context ctx) {
        var type = ctx.res().getContentType();
        return type != null && type.startsWith(PROBLEM_JSON);
    }

    private static String json(ApiProblem problem) {
        try {
            return MAPPER.writeValueAsString(problem.body());
        } catch (JsonProcessingException e) {
            return "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\"error\"}";
        }
    }
}
