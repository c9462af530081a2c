package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.JobVariable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The driver masks its own output (the runner would too, but this driver must not rely on it): masked variables in
 * the forms and at the moments a job really prints them.
 */
class MaskingIT extends DockerTierTestBase {

    @Test
    void theTokenIsMaskedInTheFormsAScriptPrints() {
        JobSpec job = newJob().script(
                        "echo \"plain: $CI_JOB_TOKEN\"",
                        "echo \"url: $CI_REPOSITORY_URL\"",
                        "printf '%s' \"$CI_JOB_TOKEN\" | base64 -w0; echo",
                        "echo \"oidc: $GITLAB_OIDC_TOKEN\"",
                        "echo \"stderr: $CI_REGISTRY_PASSWORD\" >&2")
                .build();
        JobResult r = run(job);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertNoSecretLeaked(r);
        assertTrue(r.driverLog().contains("plain: [MASKED]"), describe(r));
        String base64 = Base64.getEncoder().encodeToString(job.token().getBytes(StandardCharsets.UTF_8));
        assertFalse(r.driverLog().contains(base64.replace("=", "")), "base64 of the token is in the job log");
    }

    @Test
    void aTokenWrittenInTwoPiecesSecondsApartIsStillMasked() {
        JobSpec job = newJob().script(
                        "printf 'split: %s' \"${CI_JOB_TOKEN:0:12}\"",
                        "sleep 1", "printf '%s\\n' \"${CI_JOB_TOKEN:12}\"", "echo after-split")
                .build();
        JobResult r = run(job);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertFalse(r.jobLog().contains(job.token()), "the token crossed two writes and came out unmasked");
        assertTrue(r.driverLog().contains("after-split"));
    }

    @Test
    void userMaskedVariablesAreMaskedToo() {
        String secret = "s3cr3t-Value_0123456789";
        JobResult r = run(newJob().variable(JobVariable.masked("DEPLOY_PASSWORD", secret))
                .script("echo \"deploying with $DEPLOY_PASSWORD\"")
                .build());
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertFalse(r.jobLog().contains(secret), describe(r));
        assertTrue(r.driverLog().contains("deploying with [MASKED]"), describe(r));
    }

    @Test
    void debugTraceOfEveryExportIsMasked() {
        JobSpec job = newJob().variable(JobVariable.plain("CI_DEBUG_TRACE", "true"))
                .script("echo traced")
                .build();
        JobResult r = run(job);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.driverLog().contains("export CI_JOB_TOKEN="), "xtrace printed the exports");
        assertNoSecretLeaked(r);
    }
}
