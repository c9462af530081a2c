package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.ExitCodes;
import dev.secureexecutor.executor.cli.RunCommand;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.sandbox.DriverFailure;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the agent holds for its one job, for the job's lifetime only: the policy, the payload, the job's identity,
 * the job's {@link Masker}, and the warm stage commands. Runtime secrets that must persist across stages (a job's
 * {@code ::add-mask::} values) belong in {@link #masker()}: it is the one masker every call's output goes through,
 * and it is wiped when the agent ends.
 */
final class AgentJob {
    private final JobContext job;
    private final Masker masker;
    private final WarmStages stages;
    private final WatchedProcess runner;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private volatile boolean ending;

    /** A run call in progress, and the launcher it writes to. */
    record Running(RunCommand command, WatchedProcess launcher) {}

    AgentJob(JobContext job, Masker masker, WarmStages stages, WatchedProcess runner) {
        this.job = job;
        this.masker = masker;
        this.stages = stages;
        this.runner = runner;
    }

    Masker masker() {
        return masker;
    }

    JobContext job() {
        return job;
    }

    WatchedProcess runner() {
        return runner;
    }

    boolean ending() {
        return ending;
    }

    Map<Long, Running> running() {
        return running;
    }

    /**
     * Why this agent does not serve a request, or empty: only the job's own runner's launchers (same user, child
     * of the runner process that ran {@code prepare}) for the same {@code JOB_RESPONSE_FILE}.
     */
    Optional<String> refusal(AgentRequest request, WatchedProcess launcher) {
        if (ending) {
            return Optional.of("the job's cleanup has run");
        }
        if (launcher.uid() != AgentDir.ownUid()) {
            return Optional.of("caller runs as another user");
        }
        if (launcher.parentPid() != runner.pid()) {
            return Optional.of("caller is not a child of the runner process that prepared the job");
        }
        if (!job.env().get("JOB_RESPONSE_FILE").orElse("").equals(request.jobResponseFile())) {
            return Optional.of("caller belongs to another job");
        }
        return Optional.empty();
    }

    /** Runs one stage for a launcher; the exit code as the cold path would return it. */
    int execute(AgentRequest request, WatchedProcess launcher, DriverOutput out) {
        Map<String, String> env = new HashMap<>(job.env().all());
        if (!request.buildExitCodeFile().isEmpty()) {
            env.put("BUILD_EXIT_CODE_FILE", request.buildExitCodeFile());
        }
        RunnerEnv callEnv = new RunnerEnv(env);
        JobContext call = new JobContext(callEnv, job.policy(), job.payload(), job.identity());
        ExitCodes codes = ExitCodes.from(callEnv);
        try {
            if (request.verb().equals("cleanup")) {
                ending = true;
                return codes.of(stages.cleanup(call, out));
            }
            RunCommand command = stages.run(call, out, Path.of(request.script()), request.stage());
            running.put(launcher.pid(), new Running(command, launcher));
            try {
                return codes.of(command.call());
            } finally {
                running.remove(launcher.pid());
            }
        } catch (DriverFailure failure) {
            out.error(failure);
            return codes.of(failure);
        } catch (Exception | Error unexpected) {
            out.internalError(unexpected, job.env().debug());
            return codes.systemFailure();
        }
    }

    /** The launcher of a run call got SIGTERM, or died: stop that stage's processes (once). */
    void stop(long launcherPid) {
        Running r = running.get(launcherPid);
        if (r != null) {
            Thread t = new Thread(r.command()::stop, "stop-" + launcherPid);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Forgets the job: secrets zeroed. */
    void wipe() {
        ending = true;
        job.payload().wipe();
        masker.wipe();
    }
}
