package dev.secureexecutor.masking.bench;

import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.MaskingOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The {@link MaskingBenchmark} workload timed by the thread's CPU time instead of the wall clock, which is less
 * sensitive to other processes on a shared machine (time spent descheduled does not count; cache and SMT
 * contention still do). {@code CpuThroughput SECRETS log|random REPS [LABEL]}: prints the median and best of the
 * second half of REPS repetitions (each 8 x 4 MiB in 64 KiB writes) in MB per CPU-second.
 */
public final class CpuThroughput {
    private CpuThroughput() {}

    public static void main(String[] args) throws IOException {
        int secrets = Integer.parseInt(args[0]);
        String input = args[1];
        int reps = Integer.parseInt(args[2]);
        byte[] data = BenchData.input(input, 1);
        Masker masker = BenchData.masker(secrets, 2);
        BenchData.CopySink sink = new BenchData.CopySink();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] rates = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            long start = mx.getCurrentThreadCpuTime();
            for (int loop = 0; loop < 8; loop++) {
                MaskingOutputStream out = masker.wrap(sink);
                for (int i = 0; i < data.length; i += BenchData.CHUNK) {
                    out.write(data, i, BenchData.CHUNK);
                }
                out.finish();
            }
            rates[rep] = 8.0 * data.length / (mx.getCurrentThreadCpuTime() - start) * 1000;
        }
        double[] warm = Arrays.copyOfRange(rates, reps / 2, reps);
        Arrays.sort(warm);
        System.out.printf(
                "%-7s secrets=%-4d %-6s median %5.0f best %5.0f MB/CPU-s%n",
                args.length > 3 ? args[3] : "", secrets, input, warm[warm.length / 2], warm[warm.length - 1]);
    }
}
