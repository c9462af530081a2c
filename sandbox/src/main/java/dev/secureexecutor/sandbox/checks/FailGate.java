package dev.secureexecutor.sandbox.checks;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.DriverFailure.Kind;
import dev.secureexecutor.sandbox.DriverFailure.Refusal;
import java.util.List;

/**
 * Turns the FAIL findings of a group of checks into one refusal of the job, as {@code config} and {@code prepare}
 * need it: the exit code class ({@code kind}), the audit log's {@code check} value ({@code refusal}), and the fix
 * printed under the problem lines.
 *
 * @param kind BUILD for what the job asked for, SYSTEM for the host or runner set-up
 * @param refusal which check refused the job, as the audit log names it
 * @param remedy the fix printed for the refusal; empty to print the first FAIL's own fix
 */
public record FailGate(Kind kind, Refusal refusal, String remedy) {
    /** Refuses with every FAIL, one line each; does nothing when there is none. */
    public void refuseAny(List<Finding> findings) throws DriverFailure {
        List<Finding> fails = findings.stream().filter(Finding::failed).toList();
        if (!fails.isEmpty()) {
            throw DriverFailure.refusal(
                    kind,
                    refusal,
                    String.join("\n", fails.stream().map(Finding::reason).toList()),
                    remedy.isEmpty() ? fails.get(0).fix() : remedy);
        }
    }

    /** Refuses with the first FAIL only (checks that stop at the first problem, such as a job's credentials). */
    public void refuseFirst(List<Finding> findings) throws DriverFailure {
        refuseAny(findings.stream().filter(Finding::failed).limit(1).toList());
    }
}
