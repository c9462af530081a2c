package dev.secureexecutor.sandbox.pool;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.checks.Finding;
import dev.secureexecutor.sandbox.checks.HostChecks;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code audit} of every engine of the pool: the client key's mode, the client and CA certificates' validity
 * (expired = FAIL, expiring within {@link #SOON} = WARN), whether the engine answers over mutual TLS, the same daemon
 * checks as a local engine, and a reminder that the job-network firewall rules must exist on the engine's host too
 * (they cannot be checked from here).
 */
public final class EngineAudit {
    static final Duration SOON = Duration.ofDays(30);

    private EngineAudit() {}

    public static List<Finding> of(List<EngineSpec> engines, String runtime, Instant now) {
        List<Finding> found = new ArrayList<>();
        List<EngineProbe> probes = EnginePool.probeAll(engines, runtime);
        for (EngineProbe probe : probes) {
            EngineSpec e = probe.engine();
            String check = "engine." + e.name();
            if (e.isTcp()) {
                found.addAll(credentials(e, check, now));
            }
            if (probe.facts() == null) {
                found.add(Finding.fail(
                        check + ".reachable",
                        "engine " + e.describe() + " " + probe.problem(),
                        "start dockerd there with --tlsverify, check the certificates and the network path"));
                continue;
            }
            found.add(Finding.pass(
                    check + ".reachable",
                    "engine " + e.describe() + " answers"
                            + (e.isTcp() ? " over mutual TLS (pool CA, host name checked, TLS 1.2+)" : "") + "; "
                            + probe.jobs().size() + " job(s) of capacity " + e.capacity()));
            for (Finding f : HostChecks.judge(HostChecks.daemon(runtime), probe.facts())) { // one judge per rule
                found.add(new Finding(f.status(), check + "." + f.key(), f.reason(), f.fix()));
            }
            if (e.isTcp()) {
                found.add(Finding.warn(
                        check + ".firewall",
                        "the host firewall rules that confine job networks"
                                + " cannot be checked on a remote engine from here",
                        "apply the same job-network firewall" + " rules on " + e.name()
                                + "'s host as on this one (README, \"Scaling out\")"));
            }
        }
        return found;
    }

    static List<Finding> credentials(EngineSpec e, String check, Instant now) {
        List<Finding> found = new ArrayList<>();
        Optional<String> key = EngineCredentials.keyFileProblem(Path.of(e.key()));
        found.add(key.map(p -> Finding.fail(check + ".key", p, "chmod 0600 " + e.key() + " (owner: gitlab-runner)"))
                .orElse(Finding.pass(check + ".key", "client key " + e.key() + " is readable by its owner only")));
        found.add(validity(e, e.cert(), "client certificate", check + ".cert", now));
        found.add(validity(e, e.ca(), "CA certificate", check + ".ca", now));
        return found;
    }

    private static Finding validity(EngineSpec e, String path, String what, String check, Instant now) {
        List<X509Certificate> certs;
        try {
            certs = EngineCredentials.certificates(e, path, what.startsWith("CA") ? "CA" : "client certificate");
        } catch (DriverFailure f) {
            return Finding.fail(check, f.problem(), f.remedy());
        }
        Instant notAfter = certs.get(0).getNotAfter().toInstant();
        Instant notBefore = certs.get(0).getNotBefore().toInstant();
        if (notAfter.isBefore(now) || notBefore.isAfter(now)) {
            return Finding.fail(
                    check,
                    "the " + what + " " + path + " is not valid now (valid " + notBefore + " to " + notAfter
                            + "): the engine refuses the driver",
                    "issue a new " + what + " from the pool's CA");
        }
        if (notAfter.isBefore(now.plus(SOON))) {
            return Finding.warn(
                    check,
                    "the " + what + " " + path + " expires on " + notAfter + " (within " + SOON.toDays() + " days)",
                    "issue a new " + what + " before then");
        }
        return Finding.pass(check, "the " + what + " " + path + " is valid until " + notAfter);
    }
}
