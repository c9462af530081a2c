package dev.secureexecutor.sandbox.checks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FAILs become refusals: host set-up first (system failure, all lines at once), then the image (build failure). */
class SetupChecksTest {
    @TempDir
    Path dir;

    private Policy policyWithRunnerConfig(String toml, String extra) throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), toml);
        return PolicyLoader.parse("version = 1\n[runner]\nconfig_toml = \"" + config + "\"\n" + extra, "t");
    }

    @Test
    void everyHostProblemIsOneLineOfOneSystemRefusal() throws Exception {
        Policy policy = policyWithRunnerConfig("[[runners]]\nname = \"sh\"\nexecutor = \"shell\"\n", "");
        DriverFailure f = assertThrows(DriverFailure.class, () -> new SetupChecks(policy)
                .refuseBeforePrepare(Facts.NO_SECCOMP, "secure-executor/job-bookworm:1"));
        assertEquals(DriverFailure.Kind.SYSTEM, f.kind());
        assertEquals(Optional.of(DriverFailure.Refusal.HOST_SETUP), f.refusal());
        assertEquals(2, f.problem().lines().count(), f.problem());
        assertTrue(f.problem().startsWith("shared-machine set-up: runner 'sh' uses the shell executor"), f.problem());
        assertTrue(
                f.problem()
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .startsWith("the Docker daemon applies no seccomp profile"),
                f.problem());
        assertEquals(SetupChecks.SYSTEM_FIX, f.remedy());
    }

    @Test
    void configStageChecksOnlyTheOtherRunners() throws Exception {
        Policy bad =
                policyWithRunnerConfig("[[runners]]\nexecutor = \"docker\"\n[runners.docker]\nprivileged = true\n", "");
        DriverFailure f = assertThrows(DriverFailure.class, () -> new SetupChecks(bad).refuseRunnerConfig());
        assertTrue(f.problem().contains("runs privileged Docker jobs"), f.problem());
        assertDoesNotThrow(() -> new SetupChecks(Policy.defaults()).refuseRunnerConfig(), "no config_toml, nothing");
    }

    @Test
    void anImageOutsideTheAllowlistIsABuildRefusalAfterTheHostPassed() throws Exception {
        Policy policy = PolicyLoader.parse("version = 1\n[image]\nallowed = [\"secure-executor/*:*\"]\n", "t");
        DriverFailure f = assertThrows(DriverFailure.class, () -> new SetupChecks(policy)
                .refuseBeforePrepare(Facts.RUNC_ONLY, "docker.io/library/alpine:3"));
        assertEquals(DriverFailure.Kind.BUILD, f.kind());
        assertEquals(Optional.of(DriverFailure.Refusal.IMAGE), f.refusal());
        assertTrue(f.problem().contains("is not in this runner's allowed images"), f.problem());
        assertTrue(f.remedy().startsWith("use an allowed image"), f.remedy());
        assertDoesNotThrow(
                () -> new SetupChecks(policy).refuseBeforePrepare(Facts.RUNC_ONLY, "secure-executor/job-bookworm:1"));
    }

    @Test
    void aHostProblemIsRefusedBeforeTheImageIsJudged() throws Exception {
        Policy policy = PolicyLoader.parse("version = 1\n[image]\nallowed = [\"secure-executor/*:*\"]\n", "t");
        DriverFailure f = assertThrows(DriverFailure.class, () -> new SetupChecks(policy)
                .refuseBeforePrepare(Facts.ROOTLESS, "docker.io/library/alpine:3"));
        assertEquals(Optional.of(DriverFailure.Refusal.HOST_SETUP), f.refusal());
    }
}
