package dev.dynamo.ocpp.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RpcSessionTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final FrameCodec codec = new FrameCodec(mapper);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private RpcSession session(RpcSession.CallHandler handler, Duration timeout) {
        return new RpcSession(codec, sent::add, handler, timer, timeout, () -> "m" + ids.incrementAndGet());
    }

    private JsonNode sentFrame(int index) throws Exception {
        return mapper.readTree(sent.get(index));
    }

    private ObjectNode payload(String key, String value) {
        return mapper.createObjectNode().put(key, value);
    }

    @Test
    void answers_a_call_with_the_handlers_result_under_the_same_id() throws Exception {
        var session = session(call -> CompletableFuture.completedFuture(payload("echo", call.action())), Duration.ofSeconds(5));

        session.receive("[2,\"abc\",\"Heartbeat\",{}]");

        assertThat(sent).containsExactly("[3,\"abc\",{\"echo\":\"Heartbeat\"}]");
    }

    @Test
    void answers_a_handler_failure_with_its_call_error_code_and_keeps_going() {
        var session = session(call -> call.action().equals("Bad")
                ? CompletableFuture.failedFuture(new RpcException(ErrorCode.NOT_IMPLEMENTED, "unknown action Bad"))
                : CompletableFuture.completedFuture(mapper.createObjectNode()), Duration.ofSeconds(5));

        session.receive("[2,\"1\",\"Bad\",{}]");
        session.receive("[2,\"2\",\"Good\",{}]");

        assertThat(sent).containsExactly("[4,\"1\",\"NotImplemented\",\"unknown action Bad\",{}]", "[3,\"2\",{}]");
    }

    @Test
    void calls_sent_without_waiting_beyond_the_bound_are_refused_at_once_and_the_waiting_ones_all_answered() throws Exception {
        // requests that wait (for the site, say) while the peer keeps sending CALLs without waiting for answers
        var handling = new ArrayList<CompletableFuture<ObjectNode>>();
        var session = session(call -> {
            var answer = new CompletableFuture<ObjectNode>();
            handling.add(answer);
            return answer;
        }, Duration.ofSeconds(5));
        var sentCalls = 1 + RpcSession.MOST_WAITING_CALLS + 3;

        for (var i = 1; i <= sentCalls; i++) {
            session.receive("[2,\"c" + i + "\",\"Heartbeat\",{}]");
        }

        // one being handled, MOST_WAITING_CALLS waiting: the last three refused, nothing else answered yet
        assertThat(sent).hasSize(3);
        for (var i = 0; i < 3; i++) {
            assertThat(sentFrame(i).get(0).asInt()).isEqualTo(4);
            assertThat(sentFrame(i).get(1).asText()).isEqualTo("c" + (sentCalls - 2 + i));
            assertThat(sentFrame(i).get(2).asText()).isEqualTo("GenericError");
        }
        while (handling.size() > 0 && !handling.getLast().isDone()) {
            handling.getLast().complete(mapper.createObjectNode());
        }
        assertThat(sent).hasSize(sentCalls);
        for (var i = 3; i < sentCalls; i++) {
            assertThat(sentFrame(i).get(0).asInt()).isEqualTo(3);
            assertThat(sentFrame(i).get(1).asText()).isEqualTo("c" + (i - 2));
        }
    }

    @Test
    void an_unexpected_handler_exception_becomes_an_internal_error() {
        var session = session(call -> { throw new IllegalStateException("boom"); }, Duration.ofSeconds(5));

        session.receive("[2,\"1\",\"Heartbeat\",{}]");

        assertThat(sent).containsExactly("[4,\"1\",\"InternalError\",\"internal error\",{}]");
    }

    @Test
    void answers_text_that_is_not_a_frame_with_a_protocol_error_and_id_minus_one() throws Exception {
        var session = session(call -> CompletableFuture.completedFuture(mapper.createObjectNode()), Duration.ofSeconds(5));

        session.receive("not json");
        session.receive("[2,\"7\",\"Heartbeat\",{}]");

        assertThat(sentFrame(0).get(1).textValue()).isEqualTo("-1");
        assertThat(sentFrame(0).get(2).textValue()).isEqualTo("ProtocolError");
        assertThat(sent.get(1)).isEqualTo("[3,\"7\",{}]");
    }

    @Test
    void a_newer_call_of_the_same_key_replaces_one_still_waiting_unsent() throws Exception {
        var session = session(call -> CompletableFuture.completedFuture(mapper.createObjectNode()), Duration.ofSeconds(5));

        var onTheWire = session.call("SetChargingProfile", 8, json -> json.append("{\"n\":1}"), "TxProfile");
        var stale = session.call("SetChargingProfile", 8, json -> json.append("{\"n\":2}"), "TxProfile");
        var other = session.call("SetChargingProfile", 8, json -> json.append("{\"n\":3}"), "TxDefaultProfile");
        var newest = session.call("SetChargingProfile", 8, json -> json.append("{\"n\":4}"), "TxProfile");

        assertThat(stale).isCompletedExceptionally();
        assertThatThrownBy(stale::join).hasCauseInstanceOf(SupersededException.class);
        session.receive("[3,\"m1\",{}]");
        session.receive("[3,\"m3\",{}]");
        session.receive("[3,\"m4\",{}]");

        assertThat(onTheWire).isCompleted();
        assertThat(other).isCompleted();
        assertThat(newest).isCompleted();
        assertThat(sent).extracting(text -> text.replaceAll(".*\"n\":(\\d).*", "$1")).containsExactly("1", "3", "4");
    }

    @Test
    void sends_one_call_at_a_time_and_matches_results_by_id() throws Exception {
        var session = session(call -> CompletableFuture.completedFuture(mapper.createObjectNode()), Duration.ofSeconds(5));

        var first = session.call("SetChargingProfile", payload("n", "1"));
        var second = session.call("SetChargingProfile", payload("n", "2"));

        assertThat(sent).hasSize(1);
        assertThat(sentFrame(0).get(1).textValue()).isEqualTo("m1");
        session.receive("[3,\"m1\",{\"status\":\"Accepted\"}]");

        assertThat(first.get(1, TimeUnit.SECONDS).get("status").textValue()).isEqualTo("Accepted");
        assertThat(sent).hasSize(2);
        assertThat(sentFrame(1).get(3).get("n").textValue()).isEqualTo("2");
        session.receive("[4,\"m2\",\"NotSupported\",\"no profiles here\",{}]");
        assertThatThrownBy(() -> second.get(1, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(CallFailedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
    }

    @Test
    void ignores_a_result_whose_id_is_not_the_outstanding_call() {
        var session = session(call -> CompletableFuture.completedFuture(mapper.createObjectNode()), Duration.ofSeconds(5));
        var pending = session.call("SetChargingProfile", mapper.createObjectNode());

        session.receive("[3,\"someone-else\",{}]");

        assertThat(pending).isNotDone();
        assertThat(sent).hasSize(1);
    }

    @Test
    void a_call_not_answered_in_time_fails_with_a_timeout_and_the_next_one_goes_out() throws Exception {
        var scheduler = new ManualScheduler();
        var session = new RpcSession(codec, sent::add, call -> CompletableFuture.completedFuture(mapper.createObjectNode()),
                scheduler, Duration.ofSeconds(30), () -> "m" + ids.incrementAndGet());

        var first = session.call("SetChargingProfile", mapper.createObjectNode());
        var second = session.call("SetChargingProfile", mapper.createObjectNode());
        assertThat(sent).hasSize(1);
        scheduler.elapse(); // the first call's 30 s pass unanswered

        assertThatThrownBy(first::get).cause().isInstanceOf(TimeoutException.class);
        session.receive("[3,\"m1\",{}]"); // too late: ignored
        assertThat(second).isNotDone();
        assertThat(sentFrame(1).get(1).textValue()).isEqualTo("m2");
        session.receive("[3,\"m2\",{}]");
        assertThat(second.get(1, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void closing_fails_the_outstanding_and_queued_calls() {
        var session = session(call -> CompletableFuture.completedFuture(mapper.createObjectNode()), Duration.ofSeconds(5));
        var first = session.call("A", mapper.createObjectNode());
        var second = session.call("B", mapper.createObjectNode());

        session.close();

        assertThatThrownBy(first::join).isInstanceOf(CancellationException.class);
        assertThatThrownBy(second::join).isInstanceOf(CancellationException.class);
        assertThat(session.call("C", mapper.createObjectNode())).isCompletedExceptionally();
    }

    @Test
    void handles_the_peers_calls_one_at_a_time_in_order() {
        var pending = new ArrayList<CompletableFuture<ObjectNode>>();
        var session = session(call -> {
            var future = new CompletableFuture<ObjectNode>();
            pending.add(future);
            return future;
        }, Duration.ofSeconds(5));

        session.receive("[2,\"1\",\"A\",{}]");
        session.receive("[2,\"2\",\"B\",{}]");
        assertThat(pending).hasSize(1);
        pending.getFirst().complete(mapper.createObjectNode());

        assertThat(pending).hasSize(2);
        assertThat(sent).containsExactly("[3,\"1\",{}]");
        pending.get(1).complete(mapper.createObjectNode());
        assertThat(sent).containsExactly("[3,\"1\",{}]", "[3,\"2\",{}]");
    }

    @Test
    void our_call_waits_until_the_peers_call_being_handled_is_answered() {
        var handling = new CompletableFuture<ObjectNode>();
        var session = session(call -> handling, Duration.ofSeconds(5));
        session.receive("[2,\"start\",\"StartTransaction\",{}]");

        session.call("SetChargingProfile", mapper.createObjectNode());
        assertThat(sent).isEmpty();
        handling.complete(mapper.createObjectNode().put("transactionId", 7));

        assertThat(sent).hasSize(2);
        assertThat(sent.getFirst()).startsWith("[3,\"start\"");
        assertThat(sent.get(1)).startsWith("[2,\"m1\",\"SetChargingProfile\"");
    }

    @Test
    void calls_made_from_many_threads_go_out_one_at_a_time_and_are_all_answered() throws Exception {
        var outstanding = new AtomicInteger();
        var mostOutstanding = new AtomicInteger();
        var holder = new RpcSession[1];
        // A peer that answers every CALL shortly after it is sent, from another thread.
        Consumer<String> peer = text -> {
            mostOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            sent.add(text);
            var id = text.split("\"")[1];
            timer.execute(() -> {
                outstanding.decrementAndGet();
                holder[0].receive("[3,\"" + id + "\",{}]");
            });
        };
        holder[0] = new RpcSession(codec, peer, call -> null, timer, Duration.ofSeconds(5), () -> "m" + ids.incrementAndGet());
        var calls = new CopyOnWriteArrayList<CompletableFuture<ObjectNode>>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 200; i++) {
                pool.execute(() -> calls.add(holder[0].call("X", mapper.createObjectNode())));
            }
        }

        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(mostOutstanding.get()).isEqualTo(1);
        assertThat(sent).hasSize(200).doesNotHaveDuplicates();
    }
}
