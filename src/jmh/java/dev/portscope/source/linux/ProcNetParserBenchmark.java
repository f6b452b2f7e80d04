package dev.portscope.platform.linux;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;

/** Decoding /proc/net/tcp lines: nanoseconds per line, for all states and with a LISTEN-only push-down. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ProcNetParserBenchmark {

    private static final int LINES = 10_000;

    private byte[] text;
    private int[] starts;
    private int[] ends;
    private ProcNetParser parser;
    private final Set<SocketState> all = EnumSet.allOf(SocketState.class);
    private final Set<SocketState> listening = EnumSet.of(SocketState.LISTEN);

    @Setup
    public void setUp() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            // As the kernel prints an established loopback connection from 127.0.0.x (tcp4_seq_show).
            out.append(String.format(
                    "%6d: %02X00007F:%04X 0100007F:9407 01 00000000:00000000 00:00000000 00000000     0        0 %d 1 0000000000000000 20 4 30 10 -1%n",
                    i, 2 + i % 253, 32768 + i % 28000, 1_000_000 + i));
        }
        text = out.toString().getBytes(StandardCharsets.US_ASCII);
        starts = new int[LINES];
        ends = new int[LINES];
        for (int i = 0, pos = 0; i < LINES; i++) {
            starts[i] = pos;
            while (text[pos] != '\n') {
                pos++;
            }
            ends[i] = pos++;
        }
        parser = new ProcNetParser(Protocol.TCP, IpFamily.IPV4, 0, "/proc/net/tcp", ByteOrder.LITTLE_ENDIAN);
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(LINES)
    public void everyLine(Blackhole sink) {
        for (int i = 0; i < LINES; i++) {
            sink.consume(parser.parseLine(text, starts[i], ends[i], i + 1, all, sink::consume));
        }
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(LINES)
    public void listenersOnlySkipsTheRest(Blackhole sink) {
        for (int i = 0; i < LINES; i++) {
            sink.consume(parser.parseLine(text, starts[i], ends[i], i + 1, listening, sink::consume));
        }
    }
}
