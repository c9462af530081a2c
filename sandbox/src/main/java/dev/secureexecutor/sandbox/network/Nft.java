package dev.secureexecutor.sandbox.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code nft} program (Debian's nftables), run as root by {@code firewall} and {@code audit}. Only the table
 * {@value EgressRules#TABLE} is ever changed or deleted.
 */
public final class Nft {
    private static final List<Path> PLACES = List.of(Path.of("/usr/sbin/nft"), Path.of("/sbin/nft"));

    /** What nft printed and how it ended. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Nft() {}

    public static Optional<Path> binary() {
        return PLACES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Installs {@code ruleset} (an {@code nft -f} script) in one transaction. */
    public static Result apply(String ruleset) throws IOException {
        return run(ruleset, "-f", "-");
    }

    /** The table as the kernel holds it; a failed result when it is absent or cannot be read (not root). */
    public static Result listTable() throws IOException {
        return run(null, "list", "table", "inet", "secure_executor");
    }

    public static Result deleteTable() throws IOException {
        return run(null, "delete", "table", "inet", "secure_executor");
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static Result run(String stdin, String... args) throws IOException {
        Path nft = binary().orElseThrow(() ->
                new IOException("nft is not installed (Debian package nftables;" + " scripts/setup.sh installs it)"));
        List<String> command = new ArrayList<>();
        command.add(nft.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out;
        try (InputStream o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("nft did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for nft");
        }
        return new Result(p.exitValue(), out);
    }
}
