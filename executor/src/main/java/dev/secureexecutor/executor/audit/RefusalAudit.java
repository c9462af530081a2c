package dev.secureexecutor.executor.audit;

import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records a refusal in {@code prepare} as one {@code refused} line of the audit log, whichever check refused the job
 * (host set-up, Docker endpoint, image, project, id_token), so the log shows every job this host turned away. The
 * failure itself is handed back unchanged: its message, exit code and the order of the checks stay what they were.
 *
 * <p>The reason and decisions are masked with the job's masker before they are written: a reason may quote what the
 * job chose (its image name, which the runner expands from the job's variables), and the log must never hold a
 * credential. A failure that is not a refusal (a Docker or I/O error) is not recorded. When the line cannot be
 * appended, the job is refused all the same and its log says that the refusal went unrecorded.
 */
public final class RefusalAudit {
    public static final String PREPARE = "prepare";
    public static final String BUILD_FAILURE = "build_failure";
    public static final String SYSTEM_FAILURE = "system_failure";

    private final JobAudit audit;
    private final JobIdentity job;
    private final Masker masker;
    private final Consumer<String> warnings;

    public RefusalAudit(JobAudit audit, JobIdentity job, Masker masker, Consumer<String> warnings) {
        this.audit = audit;
        this.job = job;
        this.masker = masker;
        this.warnings = warnings;
    }

    /** For {@code prepare}: the job's audit log, identity and masker; warnings go to the job log. */
    public static RefusalAudit of(JobContext job, DriverOutput out) {
        return new RefusalAudit(new JobAudit(job.policy().credentials()), job.identity(), out.masker(), out::warn);
    }

    /**
     * Appends the refused line when {@code failure} is a refusal; returns {@code failure} to be thrown.
     *
     * @param decisions what prepare decided before the refusal
     */
    public DriverFailure record(DriverFailure failure, List<String> decisions) {
        Optional<DriverFailure.Refusal> check = failure.refusal();
        if (check.isEmpty()) {
            return failure;
        }
        String exit = failure.kind() == DriverFailure.Kind.BUILD ? BUILD_FAILURE : SYSTEM_FAILURE;
        try {
            audit.refused(
                    job,
                    new JobAudit.Refused(
                            PREPARE,
                            check.get().id(),
                            exit,
                            decisions.stream().map(masker::mask).toList(),
                            masker.mask(failure.problem())));
        } catch (DriverFailure notRecorded) {
            warnings.accept("this refusal is not in the audit log: " + notRecorded.problem());
        }
        return failure;
    }
}
