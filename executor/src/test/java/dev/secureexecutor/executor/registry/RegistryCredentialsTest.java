package dev.secureexecutor.executor.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.RegistryHost;
import dev.secureexecutor.sandbox.engine.PullRequest.RegistryLogin;
import dev.secureexecutor.sandbox.policy.ImagePolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which credentials a pull gets: DOCKER_AUTH_CONFIG first, then credentials[]; matched by registry host only. */
class RegistryCredentialsTest {
    private static JobPayload payload(List<JobPayload.Variable> vars, List<JobPayload.Credential> creds) {
        return new JobPayload(1, Secret.of("t", "tok"), null, null, null, vars, null, null, creds, null);
    }

    private static JobPayload.Variable authConfig(String json) {
        return new JobPayload.Variable("DOCKER_AUTH_CONFIG", Secret.of("v", json), false, false, false, false);
    }

    private static JobPayload.Credential registry(String url, String user, String pw) {
        return new JobPayload.Credential("registry", url, user, Secret.of("p", pw));
    }

    @Test
    void dockerRegistryLoginWinsOverPayloadCredentialsForTheSameRegistry() throws DriverFailure {
        String auth = Base64.getEncoder().encodeToString("alice:s3cret:with:colons".getBytes(StandardCharsets.UTF_8));
        JobPayload p = payload(
                List.of(authConfig(
                        "{\"auths\": {\"https://reg.example.com:5000/v2/\": {\"auth\": \"" + auth + "\"}}}")),
                List.of(registry("reg.example.com:5000", "gitlab-ci-token", "job-token")));
        RegistryLogin found =
                RegistryCredentials.forRegistry(p, "reg.example.com:5000").orElseThrow();
        assertEquals("alice", found.username());
        assertEquals("s3cret:with:colons", found.password());
        assertEquals("reg.example.com:5000", found.registry());
    }

    @Test
    void payloadCredentialsServeTheirOwnRegistryOnly() throws DriverFailure {
        JobPayload p = payload(List.of(), List.of(registry("gitlab.example.com:5050", "gitlab-ci-token", "tok")));
        assertEquals(
                "gitlab-ci-token",
                RegistryCredentials.forRegistry(p, "gitlab.example.com:5050")
                        .orElseThrow()
                        .username());
        assertTrue(
                RegistryCredentials.forRegistry(p, "evil.example.com").isEmpty(),
                "a job's credentials never go to another registry");
        assertTrue(RegistryCredentials.forRegistry(p, "gitlab.example.com").isEmpty(), "the port is part of it");
    }

    @Test
    void usernameAndPasswordFieldsAndDockerHubAliasesAreUnderstood() throws DriverFailure {
        JobPayload p = payload(
                List.of(authConfig("{\"credsStore\": \"x\", \"auths\": {\"https://index.docker.io/v1/\":"
                        + " {\"username\": \"bob\", \"password\": \"pw\"}}}")),
                List.of());
        assertEquals(
                "bob",
                RegistryCredentials.forRegistry(p, RegistryHost.DOCKER_HUB)
                        .orElseThrow()
                        .username());
    }

    @Test
    void malformedDockerRegistryLoginIsABuildFailureThatDoesNotShowTheValue() {
        JobPayload p = payload(List.of(authConfig("{\"auths\": {\"r\": {\"auth\": \"%%%SECRETVALUE\"}}}")), List.of());
        DriverFailure f = assertThrows(DriverFailure.class, () -> RegistryCredentials.forRegistry(p, "r"));
        assertEquals(DriverFailure.Kind.BUILD, f.kind());
        assertFalse(f.problem().contains("SECRETVALUE") || f.remedy().contains("SECRETVALUE"));
    }

    @Test
    void imagesOfRegistriesNotListedAsPublicAreReauthorisedOnlyWhenTheRunnerPulls() throws DriverFailure {
        JobPayload none = payload(List.of(), List.of());
        ImagePolicy pulls = new ImagePolicy(null, null, null, "if-not-present", null, List.of("docker.io"), null);
        assertTrue(RegistryAccess.of(none, "reg.example.com/a/b:1", pulls).verify());
        assertFalse(RegistryAccess.of(none, "debian:12", pulls).verify(), "docker.io listed as public");
        ImagePolicy never = new ImagePolicy(null, null, null, "never", null, null, null);
        assertFalse(
                RegistryAccess.of(none, "reg.example.com/a/b:1", never).verify(),
                "a runner that never pulls uses only what its admin loaded");
        String decision = RegistryAccess.of(
                        payload(List.of(), List.of(registry("reg.example.com", "u", "pw"))),
                        "reg.example.com/a/b:1",
                        pulls)
                .decision();
        assertEquals(
                "registry reg.example.com: private, job credentials of user u, cached copies re-authorised by a"
                        + " pull",
                decision);
    }

    @Test
    void registryHostsAreResolvedAsDockerDoes() {
        assertEquals("docker.io", RegistryHost.ofImage("alpine:3"));
        assertEquals("docker.io", RegistryHost.ofImage("library/alpine"));
        assertEquals("localhost", RegistryHost.ofImage("localhost/x"));
        assertEquals("reg:5000", RegistryHost.ofImage("reg:5000/x/y:1"));
        assertEquals("r.example.com", RegistryHost.ofImage("R.example.com/x@sha256:" + "a".repeat(64)));
    }
}
