package dev.secureexecutor.sandbox.checks;

import java.util.List;
import java.util.Set;

/**
 * What the Docker daemon says about itself ({@code docker info}), reduced to what the checks need: gathered once
 * per stage by whoever holds the connection ({@code sandbox.docker.ReadDaemonFactsStep} today), then handed to every
 * check that judges the daemon as plain data, so that those checks are tested with hand-made facts.
 *
 * @param serverVersion e.g. {@code 20.10.24+dfsg1}
 * @param securityOptions e.g. {@code name=seccomp,profile=default}, {@code name=userns}, {@code name=rootless}
 * @param runtimes registered OCI runtimes, e.g. {@code runc}, {@code runsc}
 * @param cgroupVersion {@code 1} or {@code 2}
 */
public record DaemonFacts(
        String serverVersion, List<String> securityOptions, Set<String> runtimes, String cgroupVersion) {

    public DaemonFacts {
        serverVersion = serverVersion == null ? "" : serverVersion;
        securityOptions = securityOptions == null ? List.of() : List.copyOf(securityOptions);
        runtimes = runtimes == null ? Set.of() : Set.copyOf(runtimes);
        cgroupVersion = cgroupVersion == null ? "" : cgroupVersion;
    }

    public boolean has(String securityOption) {
        return securityOptions.stream()
                .anyMatch(o -> o.equals("name=" + securityOption) || o.startsWith("name=" + securityOption + ","));
    }

    /** The seccomp profile the daemon applies by default: {@code default}, a file, {@code unconfined}, or "". */
    public String seccompProfile() {
        for (String o : securityOptions) {
            if (o.startsWith("name=seccomp")) {
                int at = o.indexOf("profile=");
                return at < 0
                        ? "default"
                        : o.substring(at + "profile=".length()).split(",", -1)[0];
            }
        }
        return "";
    }
}
