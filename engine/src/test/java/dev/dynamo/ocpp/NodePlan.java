package dev.dynamo.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs {@code src/test/node/run-plan.js} (ocpp-rpc in strict mode) on a plan and reads its events. */
final class NodePlan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodePlan() {}

    static Path nodeDir() {
        var base = Path.of(System.getProperty("basedir", "."));
        for (var candidate : List.of(base.resolve("src/test/node"), base.resolve("engine/src/test/node"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("src/test/node not found from " + base.toAbsolutePath());
    }

    /** Runs the plan (a JSON object) and returns its events, one per printed line. */
    static List<JsonNode> run(Object plan) throws IOException, InterruptedException {
        return run(plan, _ -> {});
    }

    /**
     * Runs the plan; at each {@code {"checkpoint": name}} step the script waits while {@code onCheckpoint}
     * checks or changes the engine.
     */
    static List<JsonNode> run(Object plan, Consumer<String> onCheckpoint) throws IOException, InterruptedException {
        var dir = nodeDir();
        if (!Files.isDirectory(dir.resolve("node_modules/ocpp-rpc"))) {
            throw new IllegalStateException("node_modules missing: run `npm ci` in " + dir
                    + " (CI does it in .ci/run) before the OCPP interop tests");
        }
        var planFile = Files.createTempFile("ocpp-plan", ".json");
        var process = (Process) null;
        try {
            if (plan instanceof String text) {
                Files.writeString(planFile, text);
            } else {
                JSON.writeValue(planFile.toFile(), plan);
            }
            process = new ProcessBuilder("node", "run-plan.js", planFile.toString())
                    .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            var events = new ArrayList<JsonNode>();
            var output = new StringBuilder();
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var answers = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.isBlank()) {
                        continue;
                    }
                    var event = JSON.readTree(line);
                    events.add(event);
                    if ("checkpoint".equals(event.path("event").asText())) {
                        onCheckpoint.accept(event.get("name").asText());
                        answers.write("go\n");
                        answers.flush();
                    }
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("node plan failed: " + output);
            }
            return events;
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(planFile);
        }
    }
}
