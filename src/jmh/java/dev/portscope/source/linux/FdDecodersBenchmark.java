package dev.portscope.platform.linux;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure halves of the owner scan, per descriptor: walking a getdents64 batch of /proc/<pid>/fd
 * and decoding a {@code socket:[N]} link, against the String route of the java.nio fallback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FdDecodersBenchmark {

    private static final int RECORDS = 1_300; // about what one 32 KiB getdents64 call returns for fd names

    private byte[] batch;
    private byte[] link;
    private int linkLength;
    private String linkText;

    @Setup
    public void setUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int fd = 0; fd < RECORDS; fd++) {
            byte[] name = Integer.toString(fd).getBytes(StandardCharsets.US_ASCII);
            int reclen = (FdDirents.NAME + name.length + 1 + 7) & ~7;
            out.writeBytes(ByteBuffer.allocate(reclen).order(ByteOrder.nativeOrder())
                    .putLong(fd + 1000).putLong(fd + 1).putShort((short) reclen).put((byte) 10).put(name).array());
        }
        batch = out.toByteArray();
        linkText = "socket:[123456789]";
        link = new byte[64];
        byte[] bytes = linkText.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, link, 0, bytes.length);
        linkLength = bytes.length;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long walkDirentBatch() {
        long sum = 0;
        for (int pos = 0; pos < batch.length; pos = FdDirents.next(batch, pos, batch.length)) {
            sum += FdDirents.decimalName(batch, pos);
        }
        return sum;
    }

    @Benchmark
    public long socketLinkFromBytes() {
        return FdLinks.socketInode(link, linkLength);
    }

    @Benchmark
    public long socketLinkFromString() {
        return ProcPidFiles.socketInode(new String(link, 0, linkLength, StandardCharsets.UTF_8));
    }
}
