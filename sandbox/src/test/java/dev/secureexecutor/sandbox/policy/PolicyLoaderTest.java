package dev.secureexecutor.sandbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    @Test
    void emptyPolicyWithVersionGetsTheStrictDefaults() throws Exception {
        Policy policy = PolicyLoader.parse("version = 1\n", "test");
        assertEquals(Policy.defaults(), policy);
        assertEquals("100000:100000", policy.job().user());
        assertEquals("never", policy.image().pullPolicy());
        assertEquals("isolated", policy.job().network());
    }

    @Test
    void sectionsOverrideDefaultsKeyByKey() throws Exception {
        Policy policy = PolicyLoader.parse("version = 1\n[job]\nmemory = \"512m\"\npids = 64\n", "test");
        assertEquals("512m", policy.job().memory());
        assertEquals(64L, policy.job().pids());
        assertEquals("100000:100000", policy.job().user());
    }

    @Test
    void unknownKeyIsRejectedByName() {
        PolicyException e = assertThrows(
                PolicyException.class, () -> PolicyLoader.parse("version = 1\n[job]\nprivileged = true\n", "p.toml"));
        assertTrue(e.getMessage().contains("privileged"), e.getMessage());
        assertTrue(e.getMessage().startsWith("p.toml"), e.getMessage());
    }

    @Test
    void missingVersionIsRejected() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("[job]\npids = 5\n", "p"));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void unsupportedVersionIsRejectedWithTheFix() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("version = 2\n", "p"));
        assertTrue(e.remedy().contains("version = 1"), e.remedy());
    }

    @Test
    void invalidTomlIsRejected() {
        assertThrows(PolicyException.class, () -> PolicyLoader.parse("version = = 1\n", "p"));
    }

    @Test
    void explicitPathThatDoesNotExistIsAnError(@TempDir Path dir) {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(dir.resolve("nope.toml")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void explicitPathIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.toml");
        Files.writeString(file, "version = 1\n[image]\ndefault = \"alpine:3\"\n");
        assertEquals("alpine:3", PolicyLoader.load(file).image().defaultImage());
    }

    @Test
    void byteSizesParseLikeDocker() {
        assertEquals(512L << 20, ByteSize.parse("512m"));
        assertEquals(2L << 30, ByteSize.parse("2G"));
        assertEquals(4096L, ByteSize.parse("4096"));
        assertEquals(1L << 10, ByteSize.parse("1kb"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("0m"));
    }

    @Test
    void credentialsSectionParsesAndDefaultsToAuditingWithoutRestrictions() throws Exception {
        CredentialPolicy d = Policy.defaults().credentials();
        assertTrue(d.allowedProjects().isEmpty());
        assertEquals(CredentialPolicy.DEFAULT_AUDIT_LOG, d.auditLog());
        assertEquals(900L, d.orphanGraceSeconds());
        Policy p = PolicyLoader.parse(
                "version = 1\n[credentials]\nallowed_projects = [\"platform/**\"]\n"
                        + "id_token_audiences = [\"https://vault\"]\nsecret_files = true\norphan_grace_seconds = 0\n",
                "t");
        assertEquals(java.util.List.of("platform/**"), p.credentials().allowedProjects());
        assertEquals(java.util.List.of("https://vault"), p.credentials().idTokenAudiences());
        assertTrue(p.credentials().secretFiles());
        assertEquals(0L, p.credentials().orphanGraceSeconds());
        assertThrows(
                PolicyException.class,
                () -> PolicyLoader.parse("version = 1\n[credentials]\nallowed_project = []\n", "t"));
    }
}
