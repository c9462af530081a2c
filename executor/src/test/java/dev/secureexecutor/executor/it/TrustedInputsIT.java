package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.JobVariable;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Users can override most {@code CUSTOM_ENV_*} values with their own variables; the job's identity must come from
 * the trusted payload ({@code JOB_RESPONSE_FILE}), so forged ids cannot steer labels or cleanup to another job.
 */
class TrustedInputsIT extends DockerTierTestBase {

    @Test
    void forgedJobIdAndServerUrlVariablesDoNotChangeTheJobsLabels() {
        long forgedId = newJob().build().jobId();
        JobSpec job = newJob().script("echo \"sees CI_JOB_ID=$CI_JOB_ID\"")
                .variable(JobVariable.plain("CI_JOB_ID", Long.toString(forgedId)))
                .variable(JobVariable.plain("CI_SERVER_URL", "http://203.0.113.9"))
                .build();
        AtomicReference<String> labels = new AtomicReference<>("<not captured>");
        AtomicReference<List<String>> forged = new AtomicReference<>(List.of());
        JobResult r = run(job, new JobObserver() {
            @Override
            public void stageStarted(String stage, long pid) {
                if (stage.equals("build_script")) {
                    labels.set(DockerCli.run(
                                    "ps",
                                    "-a",
                                    "--filter",
                                    "label=" + DockerLeftovers.JOB_ID_LABEL + "=" + job.jobId(),
                                    "--format",
                                    "{{.Labels}}")
                            .stdout()
                            .trim());
                    forged.set(DockerLeftovers.all(forgedId));
                }
            }
        });
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertEquals(List.of(), forged.get(), "resources labelled with the forged job id");
        String host = gitlab.url().getHost() + ":" + gitlab.url().getPort();
        assertTrue(
                List.of(labels.get().split(",")).contains(DockerLeftovers.GITLAB_HOST_LABEL + "=" + host),
                "gitlab-host label from the payload's server, got " + labels.get());
    }
}
