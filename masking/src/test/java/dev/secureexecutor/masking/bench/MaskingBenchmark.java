package dev.secureexecutor.masking.bench;

import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.MaskingOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Masking throughput: 4 MiB written in 64 KiB chunks through a masking stream into a copying sink. One operation is
 * one byte, and the time unit is the microsecond, so the score reads directly as MB/s (10^6 bytes per second).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MaskingBenchmark {
    @Param({"1", "100", "1000"})
    public int secrets;

    @Param({"log", "random"})
    public String input;

    private byte[] data;
    private Masker masker;
    private final BenchData.CopySink sink = new BenchData.CopySink();

    @Setup
    public void setUp() {
        data = BenchData.input(input, 1);
        masker = BenchData.masker(secrets, 2);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.SIZE)
    public long mask() throws IOException {
        MaskingOutputStream out = masker.wrap(sink);
        for (int i = 0; i < data.length; i += BenchData.CHUNK) {
            out.write(data, i, BenchData.CHUNK);
        }
        out.finish();
        return sink.count;
    }
}
