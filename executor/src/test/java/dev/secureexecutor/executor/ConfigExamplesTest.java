package dev.secureexecutor.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.checks.SetupChecks;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyException;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every file in config-examples/ is parsed here, so the documentation cannot drift from the code. */
class ConfigExamplesTest {
    static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config-examples"))) {
            dir = dir.getParent();
        }
        return dir.resolve("config-examples");
    }

    @Test
    void everyExampleIsCoveredByThisTest() throws Exception {
        try (Stream<Path> files = Files.walk(examples())) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String name = examples().relativize(f).toString();
                assertTrue(
                        name.equals("runner-config.toml")
                                || name.matches("(rejected/)?policy-[a-z0-9-]+\\.toml")
                                || name.matches("rejected/runner-config-[a-z0-9-]+\\.toml"),
                        "no test parses " + name);
            });
        }
    }

    @Test
    void strictPolicyExampleIsExactlyTheBuiltInDefault() throws Exception {
        Policy policy = PolicyLoader.load(examples().resolve("policy-strict.toml"));
        assertEquals(Policy.defaults(), policy);
    }

    @Test
    void gvisorPolicyExampleParsesAndAsksForRunsc() throws Exception {
        Policy policy = PolicyLoader.load(examples().resolve("policy-gvisor.toml"));
        assertEquals("runsc", policy.job().runtime());
    }

    @Test
    void networkPolicyExamplesParseWithTheirEgressModes() throws Exception {
        Policy allowlist = PolicyLoader.load(examples().resolve("policy-network-allowlist.toml"));
        assertEquals("allowlist", allowlist.network().egress());
        assertEquals(
                List.of("deb.debian.org:80", "192.0.2.0/24:8080-8090"),
                allowlist.network().allow());
        assertTrue(allowlist.network().blockMetadata());
        Policy open = PolicyLoader.load(examples().resolve("policy-network-open.toml"));
        assertEquals("open", open.network().egress());
        assertEquals("10.213.0.0/16", open.network().pool());
    }

    /** Each rejected example is refused for its stated reason: config-stage ones here, prepare-stage ones in ITs. */
    @TestFactory
    Stream<DynamicTest> everyRejectedExampleIsRefusedForItsStatedReason() {
        return RejectedExample.all().stream()
                .map(ex -> DynamicTest.dynamicTest(ex.name(), () -> {
                    String refusal = configStageRefusal(ex.file());
                    if (ex.stage().equals("config")) {
                        assertTrue(
                                refusal.toLowerCase(Locale.ROOT)
                                        .contains(ex.reason().toLowerCase(Locale.ROOT)),
                                ex.name() + " must be refused for '" + ex.reason() + "', got: " + refusal);
                    } else {
                        assertEquals("", refusal, ex.name() + " passes the config stage (it is refused in prepare)");
                    }
                }));
    }

    @Test
    void rejectedExamplesCoverEveryRunnerConfigFile() throws Exception {
        try (Stream<Path> files = Files.list(examples().resolve("rejected"))) {
            List<String> referenced =
                    RejectedExample.all().stream().map(ex -> read(ex.file())).toList();
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("runner-config-"))
                    .forEach(n -> assertTrue(
                            referenced.stream().anyMatch(text -> text.contains(n)),
                            n + " is used by no rejected policy"));
        }
    }

    /** What the config stage refuses the file for, or "" when it accepts it. */
    private static String configStageRefusal(Path file) {
        try {
            new SetupChecks(PolicyLoader.load(file)).refuseRunnerConfig();
            return "";
        } catch (PolicyException e) {
            return e.getMessage();
        } catch (DriverFailure e) {
            return e.problem();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runnerRegistrationCallsTheLauncherForEveryStage() throws Exception {
        JsonNode runner = new TomlMapper()
                .readTree(examples().resolve("runner-config.toml").toFile())
                .get("runners")
                .get(0);
        assertEquals("custom", runner.get("executor").asText());
        JsonNode custom = runner.get("custom");
        for (String stage : List.of("config", "prepare", "run", "cleanup")) {
            assertTrue(custom.get(stage + "_exec").asText().endsWith("/bin/secure-executor"), stage);
            assertEquals(stage, custom.get(stage + "_args").get(0).asText());
        }
        assertFalse(runner.has("privileged"));
    }
}
