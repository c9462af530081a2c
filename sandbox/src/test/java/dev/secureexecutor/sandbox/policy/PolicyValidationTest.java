package dev.secureexecutor.sandbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies that would weaken the sandbox are refused, with every problem reported at once. */
class PolicyValidationTest {
    private static List<Violation> violations(String toml) {
        return assertThrows(PolicyException.class, () -> PolicyLoader.parse(toml, "p.toml"))
                .violations();
    }

    private static Violation only(String toml) {
        List<Violation> found = violations(toml);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @Test
    void everyProblemInAFileIsReportedAtOnceWithKeyProblemAndFix() {
        List<Violation> found = violations("version = 1\n[image]\npull_policy = \"sometimes\"\n"
                + "[job]\nmemory = \"lots\"\npids = 0\nprivileged = true\nmemroy = \"1g\"\n[jobs]\n");
        assertEquals(
                List.of("image.pull_policy", "job.memory", "job.pids", "job.privileged", "job.memroy", "jobs"),
                found.stream().map(Violation::key).toList());
        found.forEach(v -> assertTrue(!v.problem().isBlank() && !v.fix().isBlank(), v.toString()));
    }

    @Test
    void privilegedModeIsRefusedWithWhyItIsDangerous() {
        Violation v = only("version = 1\n[job]\nprivileged = true\n");
        assertTrue(v.problem().contains("disables every container security mechanism"), v.problem());
        assertEquals("job.privileged", v.key());
    }

    @Test
    void privilegedFalseIsHarmlessAndAccepted() throws Exception {
        assertEquals(
                Policy.defaults(),
                PolicyLoader.parse("version = 1\n[job]\nprivileged = false\npid = \"private\"\n", "p"));
    }

    @Test
    void dangerousCapabilitiesAreRefusedEachByName() {
        List<Violation> found = violations("version = 1\n[job]\ncap_add = [\"SYS_ADMIN\", \"CAP_NET_ADMIN\","
                + " \"SYS_PTRACE\", \"SYS_MODULE\", \"DAC_READ_SEARCH\", \"NET_BIND_SERVICE\"]\n");
        assertEquals(5, found.size(), found.toString());
        for (String cap : List.of("SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH")) {
            assertTrue(found.stream().anyMatch(v -> v.problem().contains("capability " + cap)), cap);
        }
    }

    @Test
    void allowlistedCapabilityIsAccepted() throws Exception {
        Policy p = PolicyLoader.parse("version = 1\n[job]\ncap_add = [\"NET_BIND_SERVICE\"]\n", "p");
        assertEquals(List.of("NET_BIND_SERVICE"), p.job().capAdd());
    }

    @Test
    void seccompAndAppArmorUnconfinedAreRefused() {
        List<Violation> found = violations("version = 1\n[job]\nsecurity_opt = [\"seccomp=unconfined\","
                + " \"apparmor:unconfined\", \"no-new-privileges\"]\n");
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).problem().contains("turns seccomp off"));
        assertTrue(found.get(1).problem().contains("AppArmor"));
    }

    @Test
    void dockerSocketAndHostPathMountsAreRefused() {
        List<Violation> found = violations("version = 1\n[job]\nbinds = [\"/var/run/docker.sock:/var/run/docker.sock\","
                + " \"/etc:/e:ro\", \"/srv/x:/x\"]\n");
        assertTrue(
                found.get(0).problem().contains("Docker socket"), found.get(0).problem());
        assertTrue(
                found.get(1).problem().contains("sensitive host path /etc"),
                found.get(1).problem());
        assertTrue(
                found.get(2).problem().contains("shared between jobs"),
                found.get(2).problem());
    }

    @Test
    void hostNamespacesAreRefused() {
        List<Violation> found = violations("version = 1\n[job]\nnetwork = \"host\"\npid = \"host\"\nipc = \"host\"\n"
                + "uts = \"host\"\nuserns = \"host\"\ncgroupns = \"host\"\n");
        assertEquals(6, found.size(), found.toString());
        found.forEach(v -> assertTrue(v.problem().contains("host's"), v.toString()));
    }

    @Test
    void theSharedDefaultBridgeIsRefused() {
        assertTrue(only("version = 1\n[job]\nnetwork = \"bridge\"\n").problem().contains("default bridge"));
    }

    @Test
    void rootUserRootGroupAndTheKeeperUidAreRefused() {
        assertTrue(only("version = 1\n[job]\nuser = \"0:0\"\n").problem().contains("root (uid 0)"));
        assertTrue(only("version = 1\n[job]\nuser = \"root\"\n").problem().contains("root (uid 0)"));
        assertTrue(only("version = 1\n[job]\nuser = \"1000:0\"\n").problem().contains("gid 0"));
        assertTrue(
                only("version = 1\n[job]\nuser = \"65534:65534\"\n").problem().contains("keep-alive"));
    }

    @Test
    void devicesAndSharedBuildAndCacheLocationsAreRefused() {
        assertTrue(only("version = 1\n[job]\ndevices = [\"/dev/kmsg\"]\n")
                .problem()
                .contains("host devices"));
        assertTrue(only("version = 1\n[job]\nbuilds_dir_is_shared = true\n")
                .problem()
                .contains("shared between jobs"));
        assertTrue(only("version = 1\n[cache]\nmode = \"shared\"\n")
                .problem()
                .contains("shared between jobs or projects"));
        assertTrue(only("version = 1\n[cache]\nhost_path = \"/srv/cache\"\n")
                .problem()
                .contains("host path"));
    }

    @Test
    void runnerBinaryCannotBeTheDockerSocket() {
        assertTrue(only("version = 1\n[runner]\ngitlab_runner_binary = \"/var/run/docker.sock\"\n")
                .problem()
                .contains("Docker socket"));
    }

    @Test
    void defaultImageMustBeAllowedAndPinnedWhenRequired() {
        assertTrue(only("version = 1\n[image]\nallowed = [\"registry.example.com/*:*\"]\n")
                .problem()
                .contains("not in this runner's allowed images"));
        assertTrue(
                only("version = 1\n[image]\nrequire_digest = true\n").problem().contains("not pinned by digest"));
    }

    @Test
    void missingAndWrongVersionsAreRefused() {
        assertEquals("version", only("[job]\npids = 64\n").key());
        assertTrue(only("version = 2\n").fix().contains("version = 1"));
    }

    @Test
    void runnerConfigPathIsResolvedAgainstThePolicyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.toml");
        Files.writeString(file, "version = 1\n[runner]\nconfig_toml = \"runner.toml\"\n");
        assertEquals(
                dir.resolve("runner.toml").toString(),
                PolicyLoader.load(file).runner().configToml());
    }
}
