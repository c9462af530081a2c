package dev.secureexecutor.executor.it.pkg;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.LauncherLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away "fresh Debian 12" for the package test: a container of an image made once from the job image's
 * Debian bookworm minbase plus the package's dependencies from Debian (OpenJDK 17, docker.io, nothing started),
 * with the host's Docker socket mounted so the installed driver can run a job on the host's engine. The image is
 * kept as a cache (labelled {@code dev.secureexecutor.test=package}); every container is removed.
 */
final class PackageFixture implements AutoCloseable {
    static final String IMAGE = "secure-executor/pkgtest-bookworm:1";
    private static final String BASE = "secure-executor/job-bookworm:1";
    private static final String PREPARE = "printf '#!/bin/sh\\nexit 101\\n' >/usr/sbin/policy-rc.d"
            + " && chmod 755 /usr/sbin/policy-rc.d && apt-get update -qq"
            + " && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends"
            + " openjdk-17-jre-headless docker.io >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*";

    /** One finished command inside the container. */
    record Result(int exitCode, String output) {}

    private final String name = "se-pkgtest-" + UUID.randomUUID().toString().substring(0, 8);

    static Path debFile() {
        return LauncherLocator.repositoryRoot().resolve("executor/target/secure-executor.deb");
    }

    PackageFixture start() {
        ensureImage();
        Result r = host(
                120,
                "docker",
                "run",
                "-d",
                "--name",
                name,
                "--label",
                "dev.secureexecutor.test=package",
                "-v",
                "/var/run/docker.sock:/var/run/docker.sock",
                "-v",
                debFile() + ":/tmp/secure-executor.deb:ro",
                IMAGE,
                "sleep",
                "infinity");
        if (r.exitCode() != 0) {
            throw new AssertionError("could not start the package test container: " + r.output());
        }
        // the job runs on the host's engine, so the host's egress rules confine it: their root-written state is
        // what the installed driver's prepare and audit must find (on a real host the postinst, where nftables is
        // installed, runs `secure-executor firewall apply` itself); a copy, so that purge may remove it
        Result state = sh("mkdir -p /run/secure-executor");
        Result copied = host(
                60, "docker", "cp", "/run/secure-executor/firewall.json", name + ":/run/secure-executor/firewall.json");
        if (state.exitCode() != 0 || copied.exitCode() != 0) {
            throw new AssertionError("could not give the package test container the host's egress rule state: "
                    + state.output() + copied.output());
        }
        return this;
    }

    /** Runs a shell command as root in the container. */
    Result sh(String command) {
        return host(300, "docker", "exec", name, "bash", "-c", command);
    }

    private static void ensureImage() {
        if (DockerCli.run("image", "inspect", IMAGE).ok()) {
            return;
        }
        String builder = "se-pkgtest-build-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Result r = host(900, "docker", "run", "--name", builder, "-u", "0", BASE, "bash", "-c", PREPARE);
            if (r.exitCode() != 0) {
                throw new AssertionError("could not install openjdk-17-jre-headless and docker.io from Debian into"
                        + " the package test image (is deb.debian.org reachable?): " + r.output());
            }
            Result c = host(
                    300,
                    "docker",
                    "commit",
                    "-c",
                    "USER root",
                    "-c",
                    "LABEL dev.secureexecutor.test=package",
                    builder,
                    IMAGE);
            if (c.exitCode() != 0) {
                throw new AssertionError("could not commit the package test image: " + c.output());
            }
        } finally {
            DockerCli.run("rm", "-f", builder);
        }
    }

    static Result host(int timeoutSeconds, String... command) {
        try {
            Path log = Files.createTempFile("se-pkgtest", ".log");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(List.of(command)))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, String.join(" ", command) + ": timed out after " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    @Override
    public void close() {
        DockerCli.run("rm", "-f", name);
    }
}
