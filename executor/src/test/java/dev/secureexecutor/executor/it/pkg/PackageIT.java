package dev.secureexecutor.executor.it.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.it.DockerTier;
import dev.secureexecutor.executor.sim.DockerLeftovers;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Debian package on a fresh Debian 12 (a throw-away container, see {@link PackageFixture}): {@code dpkg -i}
 * with its dependencies satisfied, the files and modes it promises, {@code secure-executor audit} with no FAIL, a
 * whole job ({@code selftest}) run by the installed driver as gitlab-runner on the host's engine, then
 * {@code dpkg --purge} leaving no secret and nothing but the audit log (kept on purge: evidence, no secret).
 */
@ExtendWith(DockerTier.class)
class PackageIT {
    private static final Pattern SELFTEST_JOB = Pattern.compile("job (\\d+) runs in its own container");

    @Test
    void packageInstallsAuditsRunsAJobAndPurgesWithoutLeavingASecret() {
        assertTrue(
                Files.isRegularFile(PackageFixture.debFile()),
                "the build makes " + PackageFixture.debFile() + " (mvn package): it is missing");
        try (PackageFixture debian = new PackageFixture().start()) {
            PackageFixture.Result user = debian.sh("useradd -r -m gitlab-runner"
                    + " && g=$(stat -c %g /var/run/docker.sock)"
                    + " && (getent group $g >/dev/null || groupadd -g $g dockerhost)"
                    + " && usermod -aG $(getent group $g | cut -d: -f1) gitlab-runner");
            assertEquals(0, user.exitCode(), user.output());

            PackageFixture.Result install = debian.sh("dpkg -i /tmp/secure-executor.deb");
            assertEquals(0, install.exitCode(), "dpkg -i: " + install.output());
            assertTrue(
                    install.output().contains("[runners.custom]")
                            && install.output().contains("prepare_exec = \"/opt/secure-executor/bin/secure-executor\""),
                    "postinst prints the [runners.custom] block: " + install.output());
            assertInstalledLayout(debian);

            PackageFixture.Result audit = debian.sh("cd / && runuser -u gitlab-runner -- secure-executor audit");
            assertEquals(0, audit.exitCode(), "audit of the installed package: " + audit.output());
            assertTrue(audit.output().contains("policy /etc/secure-executor/policy.toml"), audit.output());
            assertFalse(audit.output().contains("FAIL   "), audit.output());

            PackageFixture.Result job = debian.sh("cd / && runuser -u gitlab-runner -- secure-executor selftest");
            assertEquals(0, job.exitCode(), "a job run by the installed driver: " + job.output());
            assertTrue(job.output().contains("selftest passed"), job.output());
            Matcher id = SELFTEST_JOB.matcher(job.output());
            assertTrue(id.find(), job.output());
            assertEquals(
                    java.util.List.of(),
                    DockerLeftovers.all(Long.parseLong(id.group(1))),
                    "the installed driver's job left resources on the host's engine");
            PackageFixture.Result evidence = debian.sh(
                    "stat -c '%a %U' /var/lib/secure-executor/audit.key"
                            + " /var/log/secure-executor/audit.jsonl && grep -c '\"wiped\"' /var/log/secure-executor/audit.jsonl");
            assertEquals(0, evidence.exitCode(), evidence.output());
            assertTrue(evidence.output().startsWith("600 gitlab-runner\n600 gitlab-runner\n"), evidence.output());

            PackageFixture.Result purge = debian.sh("dpkg --purge secure-executor");
            assertEquals(0, purge.exitCode(), "dpkg --purge: " + purge.output());
            PackageFixture.Result left = debian.sh(
                    "find / -xdev \\( -name '*secure-executor*' -o -name 'audit.key' \\)"
                            + " -not -path '/proc/*' -not -path '/var/log/secure-executor*' -not -path /tmp/secure-executor.deb | sort");
            assertEquals("", left.output().trim(), "purge left these behind");
            PackageFixture.Result kept = debian.sh(
                    "ls /var/log/secure-executor && ! grep -rl 'glpat\\|CI_JOB_TOKEN='" + " /var/log/secure-executor");
            assertEquals(0, kept.exitCode(), "the kept audit log holds no token: " + kept.output());
        }
    }

    private static void assertInstalledLayout(PackageFixture debian) {
        PackageFixture.Result layout = debian.sh("stat -c '%a %U %n' /opt/secure-executor/bin/secure-executor"
                + " /opt/secure-executor/lib/secure-executor.jar /etc/secure-executor/policy.toml"
                + " /var/log/secure-executor /var/lib/secure-executor"
                + " /lib/systemd/system/secure-executor-gc.service /lib/systemd/system/secure-executor-gc.timer"
                + " && readlink /usr/bin/secure-executor && cat /var/lib/dpkg/info/secure-executor.conffiles");
        assertEquals(0, layout.exitCode(), layout.output());
        assertEquals(
                String.join(
                        "\n",
                        "755 root /opt/secure-executor/bin/secure-executor",
                        "644 root /opt/secure-executor/lib/secure-executor.jar",
                        "644 root /etc/secure-executor/policy.toml",
                        "700 gitlab-runner /var/log/secure-executor",
                        "700 gitlab-runner /var/lib/secure-executor",
                        "644 root /lib/systemd/system/secure-executor-gc.service",
                        "644 root /lib/systemd/system/secure-executor-gc.timer",
                        "/opt/secure-executor/bin/secure-executor",
                        "/etc/secure-executor/policy.toml"),
                layout.output().trim());
        PackageFixture.Result timer = debian.sh("grep -x 'ExecStart=/opt/secure-executor/bin/secure-executor gc'"
                + " /lib/systemd/system/secure-executor-gc.service && grep -x 'User=gitlab-runner'"
                + " /lib/systemd/system/secure-executor-gc.service && grep -x 'OnCalendar=\\*:0/10'"
                + " /lib/systemd/system/secure-executor-gc.timer");
        assertEquals(0, timer.exitCode(), "the gc service and timer: " + timer.output());
    }
}
