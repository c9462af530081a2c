package dev.secureexecutor.executor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones from the fake GitLab with the host's git over loopback: no Docker needed. */
class FakeGitLabTest {
    private static FakeGitLab gitlab;
    private static String sha;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws IOException {
        gitlab = FakeGitLab.start("127.0.0.1");
        sha = gitlab.addProject("group/project");
        gitlab.addProject("other/thing");
    }

    @AfterAll
    static void stop() throws IOException {
        gitlab.close();
    }

    private String url(String token, String project) {
        return "http://gitlab-ci-token:" + token + "@127.0.0.1:" + gitlab.url().getPort() + "/" + project + ".git";
    }

    private int gitClone(String url, Path into) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("git", "clone", "-q", url, into.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "git clone hung");
        return p.exitValue();
    }

    @Test
    void cloneWithARegisteredJobTokenWorksAndIsRecorded() throws Exception {
        String token = JobSpec.newJobToken();
        gitlab.registerToken(token, "group/project");
        assertEquals(0, gitClone(url(token, "group/project"), work.resolve("clone")));
        assertTrue(Files.readString(work.resolve("clone/build.sh")).contains("BUILD-RESULT"));
        assertTrue(Files.isExecutable(work.resolve("clone/build.sh")));
        assertTrue(gitlab.authenticatedTokens().contains(token));
        assertTrue(gitlab.successfulRequests(token) >= 2, "info/refs and upload-pack");
        Process head = new ProcessBuilder("git", "-C", work.resolve("clone").toString(), "rev-parse", "HEAD").start();
        assertEquals(sha, new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    @Test
    void unknownTokensOtherProjectsAndEndedJobsAreRefused() throws Exception {
        String token = JobSpec.newJobToken();
        gitlab.registerToken(token, "group/project");
        int rejectedBefore = gitlab.rejectedRequests();
        assertEquals(128, gitClone(url(JobSpec.newJobToken(), "group/project"), work.resolve("a")));
        assertEquals(128, gitClone(url(token, "other/thing"), work.resolve("b")));
        assertEquals(
                128, gitClone("http://127.0.0.1:" + gitlab.url().getPort() + "/group/project.git", work.resolve("c")));
        assertTrue(gitlab.rejectedRequests() >= rejectedBefore + 2);
        gitlab.unregisterJob(JobSpec.builder(1, gitlab.url())
                .token(token)
                .commit("main", sha)
                .build());
        assertEquals(128, gitClone(url(token, "group/project"), work.resolve("d")));
        assertFalse(gitlab.authenticatedTokens().contains(token));
    }

    @Test
    void anonymousRequestsGetGitLabsBasicChallenge() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + gitlab.url().getPort()
                                                + "/group/project.git/info/refs?service=git-upload-pack"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals(
                "Basic realm=\"GitLab\"",
                r.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> missing = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + gitlab.url().getPort() + "/nope/nothing.git/info/refs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void urlUsesTheAdvertisedHost() {
        assertEquals("127.0.0.1", gitlab.url().getHost());
        assertTrue(gitlab.url().getPort() > 0);
    }
}
