package dev.secureexecutor.masking.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Fairer baselines than {@link CopyBenchmark}: a per-byte scan that does nothing but read every byte into a
 * checksum, then the same copying sink as the masker. {@code sum} adds the bytes (whatever the JIT makes of it);
 * {@code fold} rotates and xors, a serial one-byte-at-a-time chain like a state machine's (about 2 cycles/byte).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScanBenchmark {
    @Param({"log", "random"})
    public String input;

    private byte[] data;
    private final BenchData.CopySink sink = new BenchData.CopySink();

    @Setup
    public void setUp() {
        data = BenchData.input(input, 1);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.SIZE)
    public long sum() {
        long sum = 0;
        for (int i = 0; i < data.length; i += BenchData.CHUNK) {
            sum += sum(data, i, BenchData.CHUNK);
            sink.write(data, i, BenchData.CHUNK);
        }
        return sum + sink.count;
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.SIZE)
    public long fold() {
        long sum = 0;
        for (int i = 0; i < data.length; i += BenchData.CHUNK) {
            sum += fold(data, i, BenchData.CHUNK);
            sink.write(data, i, BenchData.CHUNK);
        }
        return sum + sink.count;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long sum(byte[] b, int off, int len) {
        long h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h += b[i];
        }
        return h;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long fold(byte[] b, int off, int len) {
        long h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = Long.rotateLeft(h, 1) ^ b[i];
        }
        return h;
    }
}
