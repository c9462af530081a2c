package dev.secureexecutor.sandbox.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Shared-machine set-ups in gitlab-runner's config.toml: each lets another runner's job reach this driver's jobs. */
class RunnerConfigInspectorTest {
    private static final String BARE = "[[runners]]\nname = \"se\"\nexecutor = \"custom\"\ntoken = \"glrt-SECRET123\"\n";
    private static final String OURS = BARE + "[runners.feature_flags]\nFF_GIT_URLS_WITHOUT_TOKENS = true\n";

    private static List<Finding> fails(String toml) {
        return RunnerConfigInspector.inspect(toml, "config.toml").stream().filter(Finding::failed).toList();
    }

    @Test
    void onlyThisDriverRegisteredPasses() {
        List<Finding> found = RunnerConfigInspector.inspect(OURS, "config.toml");
        assertEquals(List.of(Finding.Status.PASS), found.stream().map(Finding::status).toList());
    }

    @Test
    void jobTokenInGitConfigWarnsUntilTheRunnerSetsFfGitUrlsWithoutTokens() {
        List<Finding> unset = RunnerConfigInspector.inspect(BARE, "config.toml");
        assertEquals("runner.git-urls-without-tokens", unset.get(0).check());
        assertEquals(Finding.Status.WARN, unset.get(0).status());
        assertTrue(unset.get(0).message().contains(".git/config"), unset.get(0).message());
        List<Finding> off = RunnerConfigInspector.inspect(BARE + "[runners.feature_flags]\n"
                + "FF_GIT_URLS_WITHOUT_TOKENS = false\n", "config.toml");
        assertEquals(Finding.Status.WARN, off.get(0).status());
        List<Finding> viaEnv = RunnerConfigInspector.inspect(BARE + "environment = [\"FF_GIT_URLS_WITHOUT_TOKENS=true\"]\n",
                "config.toml");
        assertEquals(List.of(Finding.Status.PASS), viaEnv.stream().map(Finding::status).toList());
    }

    @Test
    void shellExecutorOnTheSameHostFails() {
        List<Finding> f = fails(OURS + "[[runners]]\nname = \"sh\"\nexecutor = \"shell\"\n");
        assertEquals("runner.shell-executor", f.get(0).check());
        assertTrue(f.get(0).message().contains("runner 'sh'"));
    }

    @Test
    void privilegedDockerRunnerFails() {
        List<Finding> f = fails(OURS + "[[runners]]\nname = \"d\"\nexecutor = \"docker\"\n[runners.docker]\n"
                + "privileged = true\n");
        assertEquals("runner.privileged-docker", f.get(0).check());
    }

    @Test
    void dockerSocketVolumeAndSharedHostPathsFail() {
        List<Finding> f = fails(OURS + "[[runners]]\nname = \"d\"\nexecutor = \"docker\"\n[runners.docker]\n"
                + "volumes = [\"/var/run/docker.sock:/var/run/docker.sock\", \"/srv/cache:/cache\", \"/cache\"]\n");
        assertEquals(List.of("runner.docker-socket", "runner.shared-host-path"), f.stream().map(Finding::check).toList());
    }

    @Test
    void hostNamespacesDangerousCapsAndUnconfinedOtherRunnersFail() {
        List<Finding> f = fails(OURS + "[[runners]]\nname = \"d\"\nexecutor = \"docker\"\n[runners.docker]\n"
                + "network_mode = \"host\"\ncap_add = [\"SYS_ADMIN\"]\nsecurity_opt = [\"seccomp:unconfined\"]\n");
        assertEquals(List.of("runner.host-namespace", "runner.capability", "runner.unconfined"),
                f.stream().map(Finding::check).toList());
    }

    @Test
    void machineReuseFailsUnlessEachMachineRunsOneJob() {
        assertEquals(1, fails(OURS + "[[runners]]\nexecutor = \"docker+machine\"\n[runners.machine]\nMaxBuilds = 5\n")
                .size());
        assertEquals(1, fails(OURS + "[[runners]]\nexecutor = \"docker+machine\"\n").size(), "MaxBuilds unset");
        assertEquals(1, fails(OURS + "[[runners]]\nexecutor = \"docker-autoscaler\"\n[runners.autoscaler]\n"
                + "max_use_count = 10\n").size());
        assertTrue(fails(OURS + "[[runners]]\nexecutor = \"docker+machine\"\n[runners.machine]\nMaxBuilds = 1\n")
                .isEmpty());
    }

    @Test
    void runnerTokensInTheFileAreNeverInAFinding() {
        List<Finding> all = RunnerConfigInspector.inspect(OURS + "[[runners]]\nname = \"x\"\nexecutor = \"shell\"\n"
                + "token = \"glrt-OTHERSECRET\"\n", "config.toml");
        all.forEach(f -> assertFalse((f.message() + f.remedy()).contains("SECRET"), f.toString()));
    }

    @Test
    void unreadableOrInvalidFileFailsClosed() {
        assertEquals(Finding.Status.FAIL, RunnerConfigInspector.inspect("[[runners]\n", "c").get(0).status());
        assertEquals(Finding.Status.FAIL, RunnerConfigInspector.inspect(java.nio.file.Path.of("/nonexistent/c.toml"))
                .get(0).status());
    }
}
