package dev.secureexecutor.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerProfileTest {
    private final HostConfig host = new ContainerProfile(Policy.defaults()).hostConfig("job-net");

    /** Attack stopped: reading secret files through another uid, or executing something dropped next to them. */
    @Test
    void secretsTmpfsExistsOnlyWhenThePolicyAsksAndIsPrivateToTheJobUser() throws Exception {
        assertFalse(host.getTmpFs().containsKey(ContainerProfile.SECRETS_DIR));
        Policy withFiles = PolicyLoader.parse("version = 1\n[credentials]\nsecret_files = true\n", "t");
        Map<String, String> tmpfs =
                new ContainerProfile(withFiles).hostConfig("n").getTmpFs();
        String opts = tmpfs.get(ContainerProfile.SECRETS_DIR);
        assertTrue(opts.contains("noexec") && opts.contains("nosuid") && opts.contains("nodev"), opts);
        assertTrue(opts.contains("uid=100000,gid=100000,mode=0700"), opts);
    }

    @Test
    void defaultProfileIsNotPrivilegedAndDropsEveryCapability() {
        assertFalse(host.getPrivileged());
        assertArrayEquals(new Capability[] {Capability.ALL}, host.getCapDrop());
        assertNull(host.getCapAdd());
        assertEquals(java.util.List.of("no-new-privileges:true"), host.getSecurityOpts());
    }

    @Test
    void rootFilesystemIsReadOnlyAndWritablePlacesAreSizedTmpfs() {
        assertTrue(host.getReadonlyRootfs());
        Map<String, String> tmpfs = host.getTmpFs();
        assertEquals(java.util.Set.of("/builds", "/cache", "/home/job", "/tmp"), tmpfs.keySet());
        tmpfs.values().forEach(opts -> {
            assertTrue(opts.contains("nosuid"), opts);
            assertTrue(opts.contains("nodev"), opts);
            assertTrue(opts.contains("size="), opts);
        });
        assertTrue(tmpfs.get("/builds").contains("uid=100000,gid=100000,mode=0700"), tmpfs.get("/builds"));
    }

    @Test
    void memoryHasNoSwapAndProcessesAndCpusAreLimited() {
        assertEquals(2L << 30, host.getMemory());
        assertEquals(host.getMemory(), host.getMemorySwap());
        assertEquals(1024L, host.getPidsLimit());
        assertEquals(2_000_000_000L, host.getNanoCPUs());
        assertTrue(java.util.Arrays.stream(host.getUlimits())
                .anyMatch(u -> u.getName().equals("core") && u.getHard() == 0));
    }

    @Test
    void noHostNamespaceNoLogFileNoRestartAndAnInit() {
        assertEquals("job-net", host.getNetworkMode());
        assertEquals("private", host.getIpcMode());
        assertNull(host.getPidMode());
        assertNull(host.getUtSMode());
        assertEquals("private", host.getCgroupnsMode());
        assertEquals(LogConfig.LoggingType.NONE, host.getLogConfig().getType());
        assertEquals(com.github.dockerjava.api.model.RestartPolicy.noRestart(), host.getRestartPolicy());
        assertTrue(host.getInit());
        assertNull(host.getDevices());
    }

    @Test
    void noBindMountsUnlessTheRunnerBinaryIsConfiguredAndThenReadOnly() throws Exception {
        assertEquals(0, host.getBinds().length);
        Policy policy =
                PolicyLoader.parse("version = 1\n[runner]\ngitlab_runner_binary = \"/usr/bin/gitlab-runner\"\n", "t");
        var binds = new ContainerProfile(policy).hostConfig("none").getBinds();
        assertEquals(1, binds.length);
        assertEquals("/usr/bin/gitlab-runner", binds[0].getPath());
        assertEquals("/usr/local/bin/gitlab-runner", binds[0].getVolume().getPath());
        assertEquals(com.github.dockerjava.api.model.AccessMode.ro, binds[0].getAccessMode());
    }

    @Test
    void onlyAllowlistedCapabilitiesAreAddedBackAndUlimitsComeFromThePolicy() throws Exception {
        Policy policy = PolicyLoader.parse(
                "version = 1\n[job]\ncap_add = [\"NET_BIND_SERVICE\"]\nnofile = 1024\n"
                        + "nproc = 512\n[cache]\nsize = \"64m\"\n",
                "t");
        HostConfig h = new ContainerProfile(policy).hostConfig("none");
        assertArrayEquals(new Capability[] {Capability.NET_BIND_SERVICE}, h.getCapAdd());
        assertArrayEquals(new Capability[] {Capability.ALL}, h.getCapDrop());
        assertTrue(java.util.Arrays.stream(h.getUlimits())
                .anyMatch(u -> u.getName().equals("nofile") && u.getSoft() == 1024 && u.getHard() == 1024));
        assertTrue(java.util.Arrays.stream(h.getUlimits())
                .anyMatch(u -> u.getName().equals("nproc") && u.getHard() == 512));
        assertTrue(h.getTmpFs().get("/cache").contains("size=64m"), h.getTmpFs().get("/cache"));
    }

    @Test
    void runscIsAskedForOnlyByThePolicyAndTheIsolationLineSaysWhatFiltersSystemCalls() throws Exception {
        assertNull(host.getRuntime(), "runc: the daemon's default runtime");
        String runc = new ContainerProfile(Policy.defaults()).summary("img", "net");
        assertTrue(runc.contains("default seccomp") && runc.contains("runtime runc"), runc);
        Policy gvisor = PolicyLoader.parse("version = 1\n[job]\nruntime = \"runsc\"\n", "t");
        assertEquals("runsc", new ContainerProfile(gvisor).hostConfig("n").getRuntime());
        String runsc = new ContainerProfile(gvisor).summary("img", "net");
        assertTrue(runsc.contains("served by gVisor's kernel") && runsc.contains("runtime runsc"), runsc);
        assertFalse(
                runsc.contains("default seccomp"), "runsc does not apply Docker's profile to exec'd jobs: " + runsc);
    }

    @Test
    void createTimeEnvironmentHoldsNothingButHomeAndPath() {
        var env = new ContainerProfile(Policy.defaults()).environment();
        assertEquals(2, env.size());
        assertTrue(env.stream().allMatch(e -> e.startsWith("HOME=") || e.startsWith("PATH=")));
    }
}
