package dev.secureexecutor.masking.bench;

import dev.secureexecutor.masking.StartFilterProbe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The masker's start filter alone (the skip loop and its exact confirmation of candidates, no automaton walk, no
 * rule trackers, no output), timed like {@link CpuThroughput}: the ceiling the whole masker can approach.
 * {@code FilterThroughput SECRETS log|random REPS}
 */
public final class FilterThroughput {
    private FilterThroughput() {}

    public static void main(String[] args) {
        int secrets = Integer.parseInt(args[0]);
        byte[] data = BenchData.input(args[1], 1);
        int reps = Integer.parseInt(args[2]);
        StartFilterProbe probe = new StartFilterProbe(BenchData.masker(secrets, 2));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] rates = new double[reps];
        long found = 0;
        for (int rep = 0; rep < reps; rep++) {
            long start = mx.getCurrentThreadCpuTime();
            for (int loop = 0; loop < 8; loop++) {
                found += probe.candidates(data, BenchData.CHUNK);
            }
            rates[rep] = 8.0 * data.length / (mx.getCurrentThreadCpuTime() - start) * 1000;
        }
        double[] warm = Arrays.copyOfRange(rates, reps / 2, reps);
        Arrays.sort(warm);
        System.out.printf(
                "filter  secrets=%-4d %-6s median %5.0f best %5.0f MB/CPU-s (stride %d, %d candidates" + " per pass)%n",
                secrets, args[1], warm[warm.length / 2], warm[warm.length - 1], probe.stride(), found / reps / 8);
    }
}
