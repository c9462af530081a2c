package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobStatus;

/**
 * The escape battery's attack job, shared by its kernel and network halves: a real job under the built-in policy
 * whose script tries one attack and then prints {@code ATTEMPTED <attack>}. The job must succeed, its script must
 * reach its end, and nothing may print {@code ESCAPED}; the host canary comes from {@link HardeningTestBase}.
 */
abstract class EscapeBatteryTestBase extends HardeningTestBase {

    /** Runs {@code lines} as the job's script, then the ATTEMPTED marker; returns the job for its BLOCKED lines. */
    JobResult attack(String name, String... lines) {
        String[] script = new String[lines.length + 1];
        System.arraycopy(lines, 0, script, 0, lines.length);
        script[lines.length] = "echo \"ATTEMPTED " + name + "\"";
        JobResult r = runWithPolicy(newJob().script(script).build(), null, JobObserver.NONE);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertAttempted(r, name);
        assertNothingEscaped(r);
        return r;
    }
}
