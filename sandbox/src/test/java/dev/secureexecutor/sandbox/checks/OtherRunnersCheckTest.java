package dev.secureexecutor.sandbox.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shared-machine set-ups in gitlab-runner's config.toml: each lets another runner's job reach this driver's jobs. */
class OtherRunnersCheckTest {
    private static final String BARE =
            "[[runners]]\nname = \"se\"\nexecutor = \"custom\"\ntoken = \"glrt-SECRET123\"\n";
    private static final String OURS = BARE + "[runners.feature_flags]\nFF_GIT_URLS_WITHOUT_TOKENS = true\n";

    private static List<Finding> judge(String toml) {
        return new OtherRunnersCheck().judge(RunnerConfigFile.of("config.toml", toml));
    }

    private static List<Finding> fails(String toml) {
        return judge(toml).stream().filter(Finding::failed).toList();
    }

    @Test
    void onlyThisDriverRegisteredPasses() {
        assertEquals(
                List.of(Finding.Status.PASS),
                judge(OURS).stream().map(Finding::status).toList());
    }

    @Test
    void jobTokenInGitConfigWarnsUntilTheRunnerSetsFfGitUrlsWithoutTokens() {
        List<Finding> unset = judge(BARE);
        assertEquals("runner.git-urls-without-tokens", unset.get(0).key());
        assertEquals(Finding.Status.WARN, unset.get(0).status());
        assertTrue(unset.get(0).reason().contains(".git/config"), unset.get(0).reason());
        List<Finding> off = judge(BARE + "[runners.feature_flags]\n" + "FF_GIT_URLS_WITHOUT_TOKENS = false\n");
        assertEquals(Finding.Status.WARN, off.get(0).status());
        List<Finding> viaEnv = judge(BARE + "environment = [\"FF_GIT_URLS_WITHOUT_TOKENS=true\"]\n");
        assertEquals(
                List.of(Finding.Status.PASS),
                viaEnv.stream().map(Finding::status).toList());
    }

    @Test
    void shellExecutorOnTheSameHostFails() {
        List<Finding> f = fails(OURS + "[[runners]]\nname = \"sh\"\nexecutor = \"shell\"\n");
        assertEquals("runner.shell-executor", f.get(0).key());
        assertTrue(f.get(0).reason().contains("runner 'sh'"));
    }

    @Test
    void privilegedDockerRunnerFails() {
        List<Finding> f = fails(
                OURS + "[[runners]]\nname = \"d\"\nexecutor = \"docker\"\n[runners.docker]\n" + "privileged = true\n");
        assertEquals("runner.privileged-docker", f.get(0).key());
    }

    @Test
    void dockerSocketVolumeAndSharedHostPathsFail() {
        List<Finding> f = fails(OURS + "[[runners]]\nname = \"d\"\nexecutor = \"docker\"\n[runners.docker]\n"
                + "volumes = [\"/var/run/docker.sock:/var/run/docker.sock\", \"/srv/cache:/cache\", \"/cache\"]\n");
        assertEquals(
                List.of("runner.docker-socket", "runner.shared-host-path"),
                f.stream().map(Finding::key).toList());
    }

    @Test
    void hostNamespacesDangerousCapsAndUnconfinedOtherRunnersFail() {
        List<Finding> f = fails(OURS + "[[runners]]\nname = \"d\"\nexecutor = \"docker\"\n[runners.docker]\n"
                + "network_mode = \"host\"\ncap_add = [\"SYS_ADMIN\"]\nsecurity_opt = [\"seccomp:unconfined\"]\n");
        assertEquals(
                List.of("runner.host-namespace", "runner.capability", "runner.unconfined"),
                f.stream().map(Finding::key).toList());
    }

    @Test
    void machineReuseFailsUnlessEachMachineRunsOneJob() {
        assertEquals(
                1,
                fails(OURS + "[[runners]]\nexecutor = \"docker+machine\"\n[runners.machine]\nMaxBuilds = 5\n")
                        .size());
        assertEquals(
                1, fails(OURS + "[[runners]]\nexecutor = \"docker+machine\"\n").size(), "MaxBuilds unset");
        assertEquals(
                1,
                fails(OURS + "[[runners]]\nexecutor = \"docker-autoscaler\"\n[runners.autoscaler]\n"
                                + "max_use_count = 10\n")
                        .size());
        assertTrue(fails(OURS + "[[runners]]\nexecutor = \"docker+machine\"\n[runners.machine]\nMaxBuilds = 1\n")
                .isEmpty());
    }

    @Test
    void runnerTokensInTheFileAreNeverInAFinding() {
        List<Finding> all =
                judge(OURS + "[[runners]]\nname = \"x\"\nexecutor = \"shell\"\n" + "token = \"glrt-OTHERSECRET\"\n");
        all.forEach(f -> assertFalse((f.reason() + f.fix()).contains("SECRET"), f.toString()));
    }

    @Test
    void unreadableOrInvalidFileFailsClosed() {
        assertEquals(Finding.Status.FAIL, judge("[[runners]\n").get(0).status());
        assertEquals(
                Finding.Status.FAIL,
                new OtherRunnersCheck()
                        .judge(RunnerConfigFile.read(Path.of("/nonexistent/c.toml")))
                        .get(0)
                        .status());
        assertEquals(Finding.Status.WARN, judge("").get(0).status(), "a file that registers no runner");
    }
}
