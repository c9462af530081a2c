package dev.secureexecutor.masking.bench;

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

/** The baseline for {@link MaskingBenchmark}: the same bytes, the same chunks, the same sink, no masking. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CopyBenchmark {
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
    public long copy() {
        for (int i = 0; i < data.length; i += BenchData.CHUNK) {
            sink.write(data, i, BenchData.CHUNK);
        }
        return sink.count;
    }
}
