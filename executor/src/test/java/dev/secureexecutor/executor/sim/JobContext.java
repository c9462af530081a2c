package dev.secureexecutor.executor.sim;

import dev.secureexecutor.executor.sim.OutputChunk.Stream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The state one simulated job shares between its phases: the spec, its payload variables, the job and runner logs,
 * the interruption controller, and every call and stage outcome so far. Also launches driver calls with the right
 * output routing.
 */
final class JobContext implements AutoCloseable {
    /** Where a call's output goes, as in the runner (§5 of the protocol notes). */
    enum Routing {
        /** prepare_exec and run_exec: both streams are the job log */
        JOB_LOG,
        /** config_exec: stderr is the job log, stdout is parsed as JSON */
        JOB_LOG_STDERR_ONLY,
        /** cleanup_exec: the runner log, never the job log */
        RUNNER_LOG
    }

    final JobSpec job;
    final SimulatorSettings settings;
    final JobObserver observer;
    final List<JobVariable> payloadVariables;
    final JobLog jobLog = new JobLog();
    final JobLog runnerLog = new JobLog();
    final InterruptionController interruptions;
    private final List<CallRecord> calls = new ArrayList<>();
    private final List<StageOutcome> stages = new ArrayList<>();
    private final List<Path> tmpDirs = new ArrayList<>();

    JobContext(JobSpec job, SimulatorSettings settings, JobObserver observer) {
        this.job = job;
        this.settings = settings;
        this.observer = observer;
        this.payloadVariables = PayloadVariables.of(job);
        this.interruptions =
                new InterruptionController(job.interruption, Duration.ofSeconds(job.timeoutSeconds), settings, jobLog);
    }

    DriverCall launch(String label, Path tmp, Map<String, String> env, Routing routing, String... args)
            throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(settings.launcher().toString());
        argv.addAll(List.of(args));
        return DriverCall.start(label, argv, tmp, env, router(routing));
    }

    synchronized void record(CallRecord call) {
        calls.add(call);
    }

    synchronized void record(StageOutcome stage) {
        stages.add(stage);
    }

    synchronized void tmpDirUsed(Path tmp) {
        tmpDirs.add(tmp);
    }

    synchronized List<CallRecord> calls() {
        return List.copyOf(calls);
    }

    synchronized List<StageOutcome> stages() {
        return List.copyOf(stages);
    }

    synchronized List<Path> tmpDirs() {
        return List.copyOf(tmpDirs);
    }

    private Consumer<OutputChunk> router(Routing routing) {
        if (routing == Routing.RUNNER_LOG) {
            return runnerLog::driverOutput;
        }
        LineSplitter out = new LineSplitter(interruptions::onLine);
        LineSplitter err = new LineSplitter(interruptions::onLine);
        return chunk -> {
            if (routing == Routing.JOB_LOG_STDERR_ONLY && chunk.stream() == Stream.STDOUT) {
                return;
            }
            jobLog.driverOutput(chunk);
            (chunk.stream() == Stream.STDOUT ? out : err).accept(chunk.bytes());
        };
    }

    @Override
    public void close() {
        interruptions.close();
    }
}
