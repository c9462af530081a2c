package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Sums Docker's per-layer pull events into one line for the job log at most every {@link #INTERVAL_NANOS}: how many
 * layers, how many are done, and bytes downloaded of the bytes known so far. One line more when the pull ends.
 */
final class PullProgress {
    static final long INTERVAL_NANOS = 3_000_000_000L;

    private record Layer(long current, long total, boolean done) {}

    private final String image;
    private final Consumer<String> out;
    private final LongSupplier clock;
    private final long interval;
    private final long started;
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private long lastPrinted;

    PullProgress(String image, Consumer<String> out, LongSupplier clock, long intervalNanos) {
        this.image = image;
        this.out = out;
        this.clock = clock;
        this.interval = intervalNanos;
        this.started = clock.getAsLong();
        this.lastPrinted = started;
    }

    synchronized void accept(PullResponseItem item) {
        String id = item.getId();
        String status = item.getStatus() == null ? "" : item.getStatus();
        if (id != null && isLayerEvent(status)) {
            Layer was = layers.getOrDefault(id, new Layer(0, 0, false));
            ResponseItem.ProgressDetail detail = item.getProgressDetail();
            long current = was.current;
            long total = was.total;
            if (status.startsWith("Downloading") && detail != null) {
                current = detail.getCurrent() == null ? current : detail.getCurrent();
                total = detail.getTotal() == null || detail.getTotal() <= 0 ? total : detail.getTotal();
            }
            boolean done = was.done
                    || status.equals("Pull complete")
                    || status.equals("Already exists")
                    || status.equals("Download complete");
            if (status.equals("Download complete") && total > 0) {
                current = total;
            }
            layers.put(id, new Layer(current, total, done));
        }
        long now = clock.getAsLong();
        if (now - lastPrinted >= interval) {
            lastPrinted = now;
            out.accept("pulling " + image + ": " + summary());
        }
    }

    synchronized void finished() {
        double seconds = (clock.getAsLong() - started) / 1e9;
        out.accept("pulled " + image + ": " + summary() + String.format(Locale.ROOT, " in %.1f s", seconds));
    }

    private String summary() {
        long done = layers.values().stream().filter(Layer::done).count();
        long current = layers.values().stream().mapToLong(Layer::current).sum();
        long total = layers.values().stream().mapToLong(Layer::total).sum();
        return layers.size() + " layer(s), " + done + " done, " + mb(current) + " of " + mb(total) + " downloaded";
    }

    private static boolean isLayerEvent(String status) {
        return status.startsWith("Pulling fs layer")
                || status.startsWith("Waiting")
                || status.startsWith("Downloading")
                || status.startsWith("Verifying")
                || status.startsWith("Download complete")
                || status.startsWith("Extracting")
                || status.startsWith("Pull complete")
                || status.startsWith("Already exists");
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
