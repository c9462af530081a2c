package dev.secureexecutor.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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
                assertTrue(name.equals("runner-config.toml") || name.matches("(rejected/)?policy-[a-z0-9-]+\\.toml"),
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
    void runnerRegistrationCallsTheLauncherForEveryStage() throws Exception {
        JsonNode runner = new TomlMapper().readTree(examples().resolve("runner-config.toml").toFile()).get("runners").get(0);
        assertEquals("custom", runner.get("executor").asText());
        JsonNode custom = runner.get("custom");
        for (String stage : List.of("config", "prepare", "run", "cleanup")) {
            assertTrue(custom.get(stage + "_exec").asText().endsWith("/bin/secure-executor"), stage);
            assertEquals(stage, custom.get(stage + "_args").get(0).asText());
        }
        assertFalse(runner.has("privileged"));
    }
}
