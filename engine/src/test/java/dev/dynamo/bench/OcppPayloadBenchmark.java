package dev.dynamo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.ocpp.rpc.RpcException;
import dev.dynamo.ocpp.v16.Payloads;
import dev.dynamo.ocpp.v16.StartTransaction;
import dev.dynamo.ocpp.v16.StopTransaction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a charger's request as the connector does for every CALL: the schema check against the message
 * record, then the record itself ({@link Payloads#read}). A StartTransaction and a StopTransaction as the load
 * test sends them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class OcppPayloadBenchmark {
    private Payloads payloads;
    private JsonNode start;
    private JsonNode stop;

    @Setup
    public void setUp() throws Exception {
        payloads = new Payloads(Payloads.newMapper());
        start = payloads.mapper().readTree("""
                {"connectorId":1,"idTag":"LOAD","meterStart":0,"timestamp":"2026-12-06T17:00:00.000Z"}""");
        stop = payloads.mapper().readTree("""
                {"transactionId":42,"meterStop":0,"timestamp":"2026-12-06T17:05:00.000Z"}""");
    }

    @Benchmark
    public StartTransaction.Request readStartTransaction() throws RpcException {
        return payloads.read(start, StartTransaction.Request.class);
    }

    @Benchmark
    public StopTransaction.Request readStopTransaction() throws RpcException {
        return payloads.read(stop, StopTransaction.Request.class);
    }
}
