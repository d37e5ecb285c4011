// The training run of the engine's AOT cache (JDK 25, JEP 483/514/515): starts an engine with
// JAVA_TOOL_OPTIONS=-XX:AOTCacheOutput=CACHE, drives the paths a restart takes (HTTP API, OCPP upgrades of many
// charge points at once, BootNotification, StartTransaction, the limits pushed back, MeterValues, StopTransaction,
// refused and malformed requests), stops it with SIGTERM, and waits while the JVM writes the cache: the classes it
// loaded and linked, and the method profiles of this run. A JDK program of its own (no dependencies); the engine
// it trains is any command that takes the engine's `serve` options:
//
//   java engine/scripts/aot/AotTraining.java --cache engine/target/dynamo-engine.aot -- \
//        java @engine/jvm.options -jar engine/target/dynamo-engine.jar   # the plain jar (engine -Paot)
//   java engine/scripts/aot/AotTraining.java --cache APP/lib/app/dynamo-engine.aot -- APP/bin/dynamo-engine
//                                                                         # the packaged launcher (installers/pom.xml)
//
// The cache only fits the JVM that wrote it and the same jar (path layout, size and time): run the engine with the
// same java (or the packaged runtime), the same JVM options (engine/jvm.options; a different
// --enable-native-access makes the JVM refuse the cache) and -XX:AOTCache=CACHE. Options: --chargers N (400), --rounds N (3: storms),
// --burst-rounds N (0: none; N rounds of every charger of a site starting one after the other, then stopping, as
// load-test.js --pattern burst does; measured idle on JDK 25: the first burst takes less CPU, the reconnect storm
// more, docs/benchmarks.md, tenth pass of the burst).
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class AotTraining {
    static final int SITES = 4;
    static final String PASSWORD = "training-password-0123";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    static final Pattern FRAME = Pattern.compile("^\\[\\s*(\\d)\\s*,\\s*\"([^\"]*)\"\\s*,\\s*(.*)\\]\\s*$", Pattern.DOTALL);
    static final Pattern TRANSACTION_ID = Pattern.compile("\"transactionId\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        Path cache = null;
        int chargers = 400;
        int rounds = 3;
        int burstRounds = 0; // measured: a faster first burst, a slower reconnect storm (docs/benchmarks.md, tenth pass)
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cache" -> cache = Path.of(args[++i]).toAbsolutePath();
                case "--chargers" -> chargers = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--burst-rounds" -> burstRounds = Integer.parseInt(args[++i]);
                case "--" -> command.addAll(List.of(args).subList(i + 1, args.length));
                default -> throw usage("unknown option " + args[i]);
            }
            if (args[i].equals("--")) break;
        }
        if (cache == null || command.isEmpty()) throw usage("--cache and the engine command are required");
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("dynamo-aot-training-");
        try {
            train(command, cache, chargers, rounds, burstRounds, work);
        } finally {
            deleteTree(work);
        }
        System.out.printf("AOT cache %s: %.1f MB, training and writing took %d s%n", cache,
                Files.size(cache) / 1e6, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem
                + "\nusage: java AotTraining.java --cache FILE [--chargers N] [--rounds N] [--burst-rounds N] -- ENGINE_COMMAND...");
    }

    static void train(List<String> command, Path cache, int chargers, int rounds, int burstRounds, Path work) throws Exception {
        Files.deleteIfExists(cache);
        Files.createDirectories(cache.toAbsolutePath().getParent());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<Site> sites = sites(chargers);
        Files.writeString(work.resolve("sites.json"), sitesJson(sites));
        List<String> engineCommand = new ArrayList<>(command);
        engineCommand.addAll(List.of("serve", "--port", String.valueOf(port), "--sites", work.resolve("sites.json").toString(),
                "--data-dir", work.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(engineCommand).redirectErrorStream(true)
                .redirectOutput(work.resolve("engine.log").toFile());
        String toolOptions = System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "");
        builder.environment().put("JAVA_TOOL_OPTIONS", (toolOptions + " -XX:AOTCacheOutput=" + cache).strip());
        System.out.println("training: " + String.join(" ", engineCommand));
        Process engine = builder.start();
        // an interrupted training (Ctrl-C, a build stopped) leaves no engine behind
        Runtime.getRuntime().addShutdownHook(new Thread(engine::destroyForcibly));
        try {
            Http http = new Http("http://127.0.0.1:" + port);
            http.awaitHealthy(engine);
            exerciseApi(http, sites);
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                int booted = storm(port, sites, round);
                exerciseApi(http, sites);
                System.out.printf("  round %d: %d charge points connected, booted, charged or beat, in %d ms%n",
                        round, booted, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                Thread.sleep(1500); // the engine takes one replacing connection a second per charge point
            }
            if (burstRounds > 0) {
                long t0 = System.nanoTime();
                int pushed = bursts(port, sites, burstRounds);
                exerciseApi(http, sites);
                System.out.printf("  bursts: %d rounds of every charger starting one after another per site, %d limits pushed, in %d ms%n",
                        burstRounds, pushed, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            }
        } catch (Exception | Error e) {
            engine.destroyForcibly();
            System.err.println("training failed; the engine's log:\n" + tail(work.resolve("engine.log")));
            throw e;
        }
        engine.destroy(); // SIGTERM: the engine shuts down and the JVM writes the cache on its way out
        if (!engine.waitFor(10, TimeUnit.MINUTES)) {
            engine.destroyForcibly();
            throw new IllegalStateException("the engine did not exit within 10 minutes of SIGTERM");
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("no AOT cache written to " + cache + "; the engine's log:\n" + tail(work.resolve("engine.log")));
        }
    }

    /** The first-use paths of the HTTP API: reads, a config change, preview, sessions, and refused requests. */
    static void exerciseApi(Http http, List<Site> sites) throws Exception {
        http.expect("GET", "/health", null, 200);
        http.expect("GET", "/api/v1/sites", null, 200);
        for (Site site : sites) {
            String base = "/api/v1/smart-charging/sites/" + site.id;
            http.expect("GET", "/api/v1/sites/" + site.id, null, 200);
            http.expect("PUT", base + "/config", "{\"max_power_kw\": " + site.chargers.size() * 11 + ", \"strategy\": \"equal\"}", 200, 201);
            http.expect("GET", base + "/config", null, 200);
            http.expect("GET", base + "/allocation", null, 200);
            http.expect("POST", base + "/rebalance", null, 200);
            http.expect("GET", base + "/allocation/history?interval=5min", null, 200);
            http.expect("GET", "/api/v1/sites/" + site.id + "/decisions?limit=50", null, 200);
            http.expect("POST", base + "/allocation/preview", "{\"max_power_kw\": " + site.chargers.size() * 5 + ", \"strategy\": \"priority\", \"priority_order\": [\""
                    + site.chargers.getFirst() + "\"]}", 200);
            http.expect("PUT", base + "/config", "{\"max_power_kw\": -1, \"strategy\": \"equal\"}", 422);
            http.expect("PUT", base + "/config", "{\"max_power_kw\": ", 400);
        }
        Site first = sites.getFirst();
        String session = "/api/v1/sites/" + first.id + "/chargers/" + first.chargers.getLast() + "/session";
        // 409/404: a session of this charger left open by a call the busy engine refused during a storm
        http.expect("POST", session, "{\"ev_max_power_kw\": 11}", 201, 409);
        http.expect("DELETE", session, null, 204, 404);
        http.expect("GET", "/api/v1/sites/no-such-site", null, 404);
    }

    /** Every charge point of every site connects at once; each connection within the call time-out. */
    static List<ChargePoint> connectAll(int port, List<Site> sites) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
        List<CompletableFuture<ChargePoint>> connecting = new ArrayList<>();
        for (Site site : sites) {
            for (String id : site.chargers) connecting.add(ChargePoint.connect(client, port, id, site.password));
        }
        List<ChargePoint> chargePoints = new ArrayList<>();
        for (CompletableFuture<ChargePoint> c : connecting) chargePoints.add(c.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        return chargePoints;
    }

    /** Every charge point connects at once, boots, half of them charge for a moment; all disconnect. */
    static int storm(int port, List<Site> sites, int round) throws Exception {
        List<ChargePoint> chargePoints = connectAll(port, sites);
        AtomicInteger index = new AtomicInteger();
        List<CompletableFuture<Void>> sessions = new ArrayList<>();
        for (ChargePoint cp : chargePoints) {
            boolean charges = index.getAndIncrement() % 2 == round % 2;
            sessions.add(cp.call("BootNotification", "{\"chargePointVendor\":\"Training\",\"chargePointModel\":\"AOT\"}")
                    .thenCompose(boot -> cp.call("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\"}"))
                    .thenCompose(status -> charges ? cp.charge() : cp.call("Heartbeat", "{}").thenApply(heartbeat -> null)));
        }
        int failed = 0;
        for (CompletableFuture<Void> s : sessions) {
            try {
                s.get(2 * CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                failed++; // a busy engine may refuse a call (its error path is trained too); only a dead one stops the training
            }
        }
        for (ChargePoint cp : chargePoints) cp.close();
        if (failed == chargePoints.size()) throw new IllegalStateException("no charge point got through its calls");
        return chargePoints.size() - failed;
    }

    /**
     * The busy hours after a restart: every charge point stays connected, and on each site one charger after the
     * other starts a transaction as soon as the previous start is answered, so that past half the site every start
     * lowers the limits of all its charging chargers (decisions, limits pushed and answered, durable writes, many
     * times a second); then every transaction stops the same way. Its C2 compiles are then in the cache's profiles
     * (1,443 level-4 compiles recorded instead of 824), meant to let a restarted engine compile this path before
     * its first busy minute. Measured idle on JDK 25 (docs/benchmarks.md, tenth pass of the burst): that minute's
     * CPU fell by a sixth, but the compiles came forward into the reconnect storm, which then took up to its 3 s
     * goal, so the default training leaves this out (--burst-rounds 0).
     */
    static int bursts(int port, List<Site> sites, int rounds) throws Exception {
        List<ChargePoint> chargePoints = connectAll(port, sites);
        List<CompletableFuture<String>> booting = new ArrayList<>();
        for (ChargePoint cp : chargePoints) booting.add(cp.call("BootNotification", "{\"chargePointVendor\":\"Training\",\"chargePointModel\":\"Burst\"}"));
        for (CompletableFuture<String> boot : booting) boot.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<String, List<ChargePoint>> bySite = new LinkedHashMap<>();
        int index = 0;
        for (Site site : sites) {
            bySite.put(site.id, chargePoints.subList(index, index + site.chargers.size()));
            index += site.chargers.size();
        }
        for (int round = 1; round <= rounds; round++) {
            List<CompletableFuture<Void>> perSite = new ArrayList<>();
            for (List<ChargePoint> site : bySite.values()) {
                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                for (ChargePoint cp : site) chain = chain.thenCompose(done -> cp.start());
                for (ChargePoint cp : site) chain = chain.thenCompose(done -> cp.stop());
                perSite.add(chain);
            }
            for (CompletableFuture<Void> site : perSite) site.get(10, TimeUnit.MINUTES);
        }
        for (ChargePoint cp : chargePoints) cp.close();
        return chargePoints.stream().mapToInt(cp -> cp.profilesAnswered.get()).sum();
    }

    static final class ChargePoint implements WebSocket.Listener {
        private final String id;
        private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger nextId = new AtomicInteger();
        private final AtomicInteger profilesAnswered = new AtomicInteger();
        private volatile String transaction;
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);

        private ChargePoint(String id) {
            this.id = id;
        }

        static CompletableFuture<ChargePoint> connect(HttpClient client, int port, String id, String password) {
            ChargePoint cp = new ChargePoint(id);
            WebSocket.Builder builder = client.newWebSocketBuilder().subprotocols("ocpp1.6").connectTimeout(CALL_TIMEOUT);
            if (password != null) {
                builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (id + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ocpp/" + id), cp).thenApply(ws -> cp);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket; // before any frame: the engine may send its first call before buildAsync completes
            webSocket.request(1);
        }

        /** Authorize, StartTransaction, a meter value, StopTransaction: the engine pushes limits in between. */
        CompletableFuture<Void> charge() {
            String now = "\"" + Instant.now() + "\"";
            return call("Authorize", "{\"idTag\":\"TRAINING\"}")
                    .thenCompose(auth -> call("StartTransaction", "{\"connectorId\":1,\"idTag\":\"TRAINING\",\"meterStart\":0,\"timestamp\":" + now + "}"))
                    .thenCompose(start -> {
                        Matcher tx = TRANSACTION_ID.matcher(start);
                        if (!tx.find()) throw new IllegalStateException(id + ": StartTransaction answered " + start);
                        String transaction = tx.group(1);
                        return call("MeterValues", "{\"connectorId\":1,\"transactionId\":" + transaction + ",\"meterValue\":[{\"timestamp\":" + now
                                + ",\"sampledValue\":[{\"value\":\"7000\",\"measurand\":\"Power.Active.Import\",\"unit\":\"W\"}]}]}")
                                .thenCompose(meter -> call("StopTransaction", "{\"transactionId\":" + transaction
                                        + ",\"meterStop\":1000,\"timestamp\":\"" + Instant.now() + "\",\"reason\":\"EVDisconnected\"}"));
                    })
                    .thenApply(stop -> null);
        }

        /** StartTransaction; the transaction stays open until {@link #stop()}. */
        CompletableFuture<Void> start() {
            return call("StartTransaction", "{\"connectorId\":1,\"idTag\":\"TRAINING\",\"meterStart\":0,\"timestamp\":\"" + Instant.now() + "\"}")
                    .thenAccept(answer -> {
                        Matcher tx = TRANSACTION_ID.matcher(answer);
                        if (!tx.find()) throw new IllegalStateException(id + ": StartTransaction answered " + answer);
                        transaction = tx.group(1);
                    });
        }

        CompletableFuture<Void> stop() {
            return call("StopTransaction", "{\"transactionId\":" + transaction + ",\"meterStop\":1000,\"timestamp\":\"" + Instant.now()
                    + "\",\"reason\":\"EVDisconnected\"}").thenApply(answer -> null);
        }

        CompletableFuture<String> call(String action, String payload) {
            String uniqueId = id + "-" + nextId.incrementAndGet();
            CompletableFuture<String> answer = new CompletableFuture<String>().orTimeout(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            pending.put(uniqueId, answer);
            send("[2,\"" + uniqueId + "\",\"" + action + "\"," + payload + "]");
            return answer.whenComplete((result, error) -> pending.remove(uniqueId));
        }

        /** One frame at a time, as the WebSocket API requires. */
        private synchronized void send(String frame) {
            sending = sending.thenCompose(done -> socket.sendText(frame, true)).thenApply(ws -> null);
        }

        void close() {
            synchronized (this) {
                sending = sending.thenCompose(done -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "training done")).thenApply(ws -> null);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                Matcher m = FRAME.matcher(frame);
                if (m.matches()) {
                    switch (m.group(1)) {
                        case "2" -> { // the engine's calls (limits): accepted
                            profilesAnswered.incrementAndGet();
                            send("[3,\"" + m.group(2) + "\",{\"status\":\"Accepted\"}]");
                        }
                        case "3" -> complete(m.group(2), m.group(3), null);
                        case "4" -> complete(m.group(2), null, frame);
                        default -> { }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        private void complete(String uniqueId, String payload, String error) {
            CompletableFuture<String> answer = pending.get(uniqueId);
            if (answer == null) return;
            if (error == null) answer.complete(payload);
            else answer.completeExceptionally(new IllegalStateException(id + ": " + error));
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(answer -> answer.completeExceptionally(error));
        }
    }

    record Site(String id, List<String> chargers, String password) {}

    static List<Site> sites(int chargers) {
        List<Site> sites = new ArrayList<>();
        for (int s = 0; s < SITES; s++) {
            List<String> ids = new ArrayList<>();
            for (int c = s; c < chargers; c += SITES) ids.add("T" + s + "-CP" + ids.size());
            // half of the sites with charger passwords (the upgrade's Basic authentication), one with breakers
            sites.add(new Site("training-" + s, ids, s % 2 == 0 ? PASSWORD : null));
        }
        return sites;
    }

    static String sitesJson(List<Site> sites) {
        StringBuilder json = new StringBuilder("{\"sites\": [");
        for (Site site : sites) {
            boolean circuits = site.id.endsWith("-1");
            json.append(site == sites.getFirst() ? "" : ",").append("{\"site_id\":\"").append(site.id)
                    .append("\",\"name\":\"AOT training ").append(site.id).append("\",\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":")
                    .append(site.chargers.size() * 22);
            if (circuits) {
                json.append(",\"grid_connection_current_a\":").append(site.chargers.size() * 32)
                        .append(",\"circuits\":[{\"circuit_id\":\"row-a\",\"parent_id\":null,\"max_current_a\":").append(site.chargers.size() * 16)
                        .append("}]");
            }
            json.append(",\"chargers\":[");
            for (int c = 0; c < site.chargers.size(); c++) {
                json.append(c == 0 ? "" : ",").append("{\"charge_point_id\":\"").append(site.chargers.get(c)).append("\",\"max_power_kw\":22");
                if (circuits) json.append(",\"phases\":3,\"circuit_id\":\"row-a\"");
                if (site.password != null) json.append(",\"ocpp_password\":\"").append(site.password).append('"');
                json.append('}');
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    static final class Http {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
        private final String base;

        Http(String base) {
            this.base = base;
        }

        void awaitHealthy(Process engine) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!engine.isAlive()) throw new IllegalStateException("the engine exited with " + engine.exitValue() + " before it was healthy");
                try {
                    if (send("GET", "/health", null).statusCode() == 200) return;
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the engine was not healthy within 120 s");
        }

        void expect(String method, String path, String body, int... statuses) throws Exception {
            HttpResponse<String> response = send(method, path, body);
            if (java.util.Arrays.stream(statuses).noneMatch(status -> status == response.statusCode())) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " (expected "
                        + java.util.Arrays.toString(statuses) + "): " + response.body());
            }
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) request.header("Content-Type", "application/json");
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
