package dev.secureexecutor.executor.it;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.LauncherLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Looks for a job's credentials where they must never be: files on the host (Docker's data root with container
 * configs, overlay upper dirs and volumes; {@code /tmp}, {@code /var/tmp}, {@code /run}, {@code /var/log}; the
 * driver's own directories), {@code docker inspect} output, and host process arguments. Each value is searched raw
 * and in its base64 forms (standard and URL-safe, at the three byte alignments it can have inside a longer
 * encoded text). The needles file lives in the build directory, outside every searched place.
 */
final class ForensicSearch {
    static final List<String> HOST_DIRS =
            List.of("/var/lib/docker", "/tmp", "/var/tmp", "/run", "/var/log", "/var/lib/secure-executor");

    private ForensicSearch() {}

    /** The value and every base64 form of it that does not depend on the bytes around it. */
    static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[shift + v.length];
                System.arraycopy(v, 0, shifted, shift, v.length);
                String encoded = encoder.encodeToString(shifted);
                int skip = shift == 0 ? 0 : shift + 1;
                int end = (shifted.length / 3) * 4;
                if (end - skip >= 16) {
                    forms.add(encoded.substring(skip, end));
                }
            }
        }
        return forms;
    }

    static List<String> needles(List<String> values) {
        Set<String> all = new LinkedHashSet<>();
        values.forEach(v -> all.addAll(forms(v)));
        return List.copyOf(all);
    }

    /** Files under the host directories holding any needle: {@code grep -rlaF} (devices, FIFOs, sockets skipped). */
    static List<String> hostHits(List<String> needles) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(LauncherLocator.repositoryRoot().resolve("executor/target/forensic"));
        Path file = Files.createTempFile(dir, "needles", ".txt");
        try {
            Files.write(file, needles, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of("grep", "-rlaF", "-D", "skip", "-s", "-f", file.toString()));
            HOST_DIRS.stream().filter(d -> Files.isDirectory(Path.of(d))).forEach(command::add);
            Process grep = new ProcessBuilder(command)
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!grep.waitFor(5, TimeUnit.MINUTES)) {
                grep.destroyForcibly();
                throw new IllegalStateException("grep over the host took more than 5 minutes");
            }
            return out.lines().filter(l -> !l.isBlank()).toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code docker inspect} of a container and its network: the whole JSON. */
    static String inspect(String container, String network) {
        DockerCli.Result c = DockerCli.run("inspect", container);
        DockerCli.Result n = DockerCli.run("network", "inspect", network);
        if (!c.ok()) {
            throw new IllegalStateException(
                    "docker inspect " + container + " failed: " + c.stderr().trim());
        }
        return c.stdout() + n.stdout();
    }

    /** Every host process's arguments, as any host user sees them. */
    static String processArguments() throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-eo", "args")
                .redirectErrorStream(true)
                .start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** Which needles (by index, never the value) appear in {@code text}. */
    static List<Integer> textHits(String text, List<String> needles) {
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < needles.size(); i++) {
            if (text.contains(needles.get(i))) {
                hits.add(i);
            }
        }
        return hits;
    }
}
