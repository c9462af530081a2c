package dev.secureexecutor.executor.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * A JWT-shaped id_token ({@code header.payload.signature}, base64url without padding) carrying the claims GitLab puts
 * in {@code id_tokens:} values. The signature is random bytes: nothing verifies it here.
 */
final class FakeIdToken {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private FakeIdToken() {}

    static String forJob(JobSpec job, String audience) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", "fake-" + UUID.randomUUID().toString().substring(0, 8));

        ObjectNode claims = JSON.createObjectNode();
        claims.put("namespace_id", "7");
        claims.put("namespace_path", job.namespace());
        claims.put("project_id", Long.toString(job.projectId));
        claims.put("project_path", job.projectPath);
        claims.put("user_id", "1");
        claims.put("user_login", "root");
        claims.put("user_email", "root@example.invalid");
        claims.put("pipeline_id", Long.toString(job.jobId / 10 + 1));
        claims.put("pipeline_source", "push");
        claims.put("job_id", Long.toString(job.jobId));
        claims.put("ref", job.ref);
        claims.put("ref_type", "branch");
        claims.put("ref_path", "refs/heads/" + job.ref);
        claims.put("ref_protected", "false");
        claims.put("runner_id", 1);
        claims.put("runner_environment", "self-hosted");
        claims.put("sha", job.sha);
        claims.put("project_visibility", "private");
        claims.put(
                "ci_config_ref_uri",
                job.gitlabUrl.getHost() + "/" + job.projectPath + "//.gitlab-ci.yml@refs/heads/" + job.ref);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iss", job.serverUrl());
        claims.put("iat", now);
        claims.put("nbf", now - 5);
        claims.put("exp", now + job.timeoutSeconds + 300L);
        claims.put("sub", "project_path:" + job.projectPath + ":ref_type:branch:ref:" + job.ref);
        claims.put("aud", audience);

        byte[] signature = new byte[256];
        RANDOM.nextBytes(signature);
        return part(header) + "." + part(claims) + "." + B64URL.encodeToString(signature);
    }

    private static String part(ObjectNode node) {
        return B64URL.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
