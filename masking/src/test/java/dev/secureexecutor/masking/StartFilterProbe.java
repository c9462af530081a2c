package dev.secureexecutor.masking;

/**
 * Test-side access to a masker's {@link StartFilter}, for the benchmark that measures the skip loop on its own
 * (what the scanner costs when every candidate is free to confirm).
 */
public final class StartFilterProbe {
    private final StartFilter filter;

    public StartFilterProbe(Masker masker) {
        this.filter = masker.automaton().filter();
    }

    /** The probe stride of the masker's filter. */
    public int stride() {
        return filter.stride;
    }

    /**
     * Runs the skip loop over {@code data} in writes of {@code chunk} bytes, continuing after every candidate,
     * and returns how many candidates it stopped at.
     */
    public int candidates(byte[] data, int chunk) {
        int found = 0;
        for (int off = 0; off < data.length; off += chunk) {
            int end = Math.min(data.length, off + chunk);
            int i = filter.skip(data, off, end);
            while (i < end - 2) {
                found++;
                i = filter.skip(data, i + 1, end);
            }
        }
        return found;
    }
}
